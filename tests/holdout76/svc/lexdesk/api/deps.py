from __future__ import annotations

import time
from collections.abc import AsyncIterator, Callable
from typing import Annotated

from fastapi import Depends, Header, HTTPException, Request, WebSocket, status
from sqlalchemy.ext.asyncio import AsyncSession

from lexdesk.container import Container
from lexdesk.security import InvalidToken, Principal, decode_token


def get_container(request: Request) -> Container:
    return request.app.state.container


async def get_session(container: Container = Depends(get_container)) -> AsyncIterator[AsyncSession]:
    async with container.sessions() as session:
        yield session


async def get_principal(
    authorization: str = Header(default=""),
    container: Container = Depends(get_container),
) -> Principal:
    scheme, _, token = authorization.partition(" ")
    if scheme.lower() != "bearer" or not token:
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "missing bearer token")
    try:
        return decode_token(token, container.settings)
    except InvalidToken as exc:
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "invalid token") from exc


def require_role(*roles: str) -> Callable[[Principal], Principal]:
    def checker(principal: Principal = Depends(get_principal)) -> Principal:
        if principal.role not in roles:
            raise HTTPException(status.HTTP_403_FORBIDDEN, "insufficient role")
        return principal

    return checker


ContainerDep = Annotated[Container, Depends(get_container)]
SessionDep = Annotated[AsyncSession, Depends(get_session)]
PrincipalDep = Annotated[Principal, Depends(get_principal)]
BillingAdmin = Annotated[Principal, Depends(require_role("partner", "billing_admin"))]
Partner = Annotated[Principal, Depends(require_role("partner"))]


async def authenticate_websocket(websocket: WebSocket, container: Container) -> Principal | None:
    """Validate the token before accepting; close with 4401 otherwise."""
    token = websocket.query_params.get("access_token") or ""
    if not token:
        await websocket.close(code=4401)
        return None
    try:
        return decode_token(token, container.settings)
    except InvalidToken:
        await websocket.close(code=4401)
        return None


class RateLimit:
    """Fixed-window per-user limit shared by all replicas through redis."""

    def __init__(self, name: str, per_minute: int) -> None:
        self._name = name
        self._per_minute = per_minute

    async def __call__(
        self,
        principal: Principal = Depends(get_principal),
        container: Container = Depends(get_container),
    ) -> None:
        window = int(time.time() // 60)
        key = f"ratelimit:{self._name}:{principal.user_id}:{window}"
        async with container.redis.pipeline(transaction=True) as pipe:
            pipe.incr(key)
            pipe.expire(key, 90)
            count, _ = await pipe.execute()
        if count > self._per_minute:
            raise HTTPException(status.HTTP_429_TOO_MANY_REQUESTS, "rate limit exceeded", headers={"Retry-After": "60"})
