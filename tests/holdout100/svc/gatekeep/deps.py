from __future__ import annotations

from collections.abc import AsyncIterator

from fastapi import Depends, Header, HTTPException, status
from sqlalchemy.ext.asyncio import AsyncSession
from starlette.requests import HTTPConnection

from .container import Container
from .security import Claims, decode_token


def get_container(conn: HTTPConnection) -> Container:
    return conn.app.state.container


async def get_session(container: Container = Depends(get_container)) -> AsyncIterator[AsyncSession]:
    async with container.session_factory() as session:
        yield session


def current_operator(
    authorization: str = Header(default=""),
    container: Container = Depends(get_container),
) -> Claims:
    scheme, _, token = authorization.partition(" ")
    claims = decode_token(token, container.settings) if scheme.lower() == "bearer" else None
    if claims is None:
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "invalid or missing token")
    return claims


def require_role(role: str):
    def _check(claims: Claims = Depends(current_operator)) -> Claims:
        if role not in claims.roles:
            raise HTTPException(status.HTTP_403_FORBIDDEN, f"role {role} required")
        return claims

    return _check
