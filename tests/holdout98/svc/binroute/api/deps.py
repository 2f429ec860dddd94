from __future__ import annotations

from collections.abc import AsyncIterator

from fastapi import Depends, Header, Request
from sqlalchemy.ext.asyncio import AsyncSession

from ..services.auth import AuthError, CrewAuth


def get_container(request: Request):
    return request.app.state.container


async def get_session(request: Request) -> AsyncIterator[AsyncSession]:
    async with request.app.state.container.sessionmaker() as session:
        yield session


def get_auth(container=Depends(get_container)) -> CrewAuth:
    return container.auth


def require_dispatcher(authorization: str = Header(default=""), auth: CrewAuth = Depends(get_auth)) -> str:
    scheme, _, token = authorization.partition(" ")
    if scheme.lower() != "bearer" or not token:
        raise AuthError("missing bearer token")
    return auth.verify_token(token)
