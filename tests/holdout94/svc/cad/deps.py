from __future__ import annotations

from collections.abc import AsyncIterator

from fastapi import Depends, Header, HTTPException, Request
from sqlalchemy.ext.asyncio import AsyncSession

from .services.auth import Principal
from .services.container import Container


def get_container(request: Request) -> Container:
    return request.app.state.container


async def get_session(container: Container = Depends(get_container)) -> AsyncIterator[AsyncSession]:
    async with container.sessionmaker() as session:
        yield session


async def current_dispatcher(
    authorization: str = Header(default=""),
    container: Container = Depends(get_container),
) -> Principal:
    if not authorization.startswith("Bearer "):
        raise HTTPException(status_code=401, detail="missing bearer token")
    principal = container.auth.decode_token(authorization.removeprefix("Bearer "))
    if principal is None or principal.role not in ("dispatcher", "supervisor"):
        raise HTTPException(status_code=403, detail="dispatcher role required")
    return principal
