from __future__ import annotations

import hmac
from typing import AsyncIterator, Callable

from fastapi import Depends, Header, HTTPException, Request, status
from sqlalchemy.ext.asyncio import AsyncSession

from .container import Container
from .core.security import KeyPrincipal, has_scope, hash_api_key


def get_container(request: Request) -> Container:
    return request.app.state.container


async def get_session(container: Container = Depends(get_container)) -> AsyncIterator[AsyncSession]:
    async with container.sessions() as session:
        yield session


async def require_key(
    x_api_key: str = Header(..., alias="X-Api-Key"),
    container: Container = Depends(get_container),
    session: AsyncSession = Depends(get_session),
) -> KeyPrincipal:
    digest = hash_api_key(x_api_key)
    principal = await container.keys.principal_for(session, digest)
    if principal is None:
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "invalid or expired API key")
    decision = await container.limiter.hit(principal.key_id, principal.rate_limit_per_min)
    if not decision.allowed:
        raise HTTPException(status.HTTP_429_TOO_MANY_REQUESTS, "rate limit exceeded",
                            headers={"Retry-After": str(decision.reset_s)})
    return principal


def require_scope(scope: str) -> Callable[..., KeyPrincipal]:
    async def dependency(principal: KeyPrincipal = Depends(require_key)) -> KeyPrincipal:
        if not has_scope(principal, scope):
            raise HTTPException(status.HTTP_403_FORBIDDEN, f"missing scope {scope}")
        return principal

    return dependency


def node_token_valid(container: Container, node_id: str, token: str) -> bool:
    expected = container.node_tokens.get(node_id)
    return expected is not None and hmac.compare_digest(expected, token)


async def require_gateway_node(
    x_node_id: str = Header(..., alias="X-Node-Id"),
    authorization: str = Header(...),
    container: Container = Depends(get_container),
) -> str:
    token = authorization.removeprefix("Bearer ").strip()
    if not node_token_valid(container, x_node_id, token):
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "unknown gateway node")
    return x_node_id
