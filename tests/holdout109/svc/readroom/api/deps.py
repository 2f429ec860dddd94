from __future__ import annotations

from collections.abc import AsyncIterator

from fastapi import Depends, Header, Request, WebSocket
from sqlalchemy.ext.asyncio import AsyncSession

from readroom.db.engine import SessionFactory
from readroom.db.pg_pool import get_pool
from readroom.errors import Forbidden, Unauthorized
from readroom.models import User
from readroom.repositories.reading_queue import ReadingQueueRepository
from readroom.repositories.users import UserRepository
from readroom.utils.security import decode_token


async def db_session() -> AsyncIterator[AsyncSession]:
    async with SessionFactory() as session:
        yield session


async def current_user(
    authorization: str = Header(default=""),
    session: AsyncSession = Depends(db_session),
) -> User:
    scheme, _, token = authorization.partition(" ")
    if scheme.lower() != "bearer" or not token:
        raise Unauthorized("missing bearer token")
    claims = decode_token(token)
    user = await UserRepository(session).get(int(claims["sub"]))
    if user is None or not user.active:
        raise Unauthorized("unknown user")
    return user


def require_role(*roles: str):
    async def _check(user: User = Depends(current_user)) -> User:
        if user.role not in roles:
            raise Forbidden("insufficient role")
        return user

    return _check


def queue_repo() -> ReadingQueueRepository:
    return ReadingQueueRepository(get_pool())


def services(request: Request):
    return request.app.state.services


async def authenticate_ws(websocket: WebSocket) -> User | None:
    token = websocket.query_params.get("token") or ""
    if not token:
        return None
    try:
        claims = decode_token(token)
    except Unauthorized:
        return None
    async with SessionFactory() as session:
        user = await UserRepository(session).get(int(claims["sub"]))
    if user is None or not user.active:
        return None
    return user
