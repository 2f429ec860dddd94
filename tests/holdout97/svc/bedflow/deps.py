from __future__ import annotations

from typing import AsyncIterator

from fastapi import Depends, Header, HTTPException, Request, status
from sqlalchemy.ext.asyncio import AsyncSession

from .container import Container
from .middleware.auth import BoardUser, InvalidToken, authenticate_board_token


def get_container(request: Request) -> Container:
    return request.app.state.container


async def get_session(container: Container = Depends(get_container)) -> AsyncIterator[AsyncSession]:
    async with container.sessions() as session:
        yield session


def current_user(
    authorization: str | None = Header(default=None),
    container: Container = Depends(get_container),
) -> BoardUser:
    token = authorization.removeprefix("Bearer ").strip() if authorization else None
    try:
        return authenticate_board_token(token, container.settings.board_token_secret)
    except InvalidToken as exc:
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, str(exc)) from exc


def require_role(*roles: str):
    def check(user: BoardUser = Depends(current_user)) -> BoardUser:
        if user.role not in roles:
            raise HTTPException(status.HTTP_403_FORBIDDEN, "insufficient role")
        return user

    return check
