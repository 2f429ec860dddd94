"""Request dependencies: the repository and the signed-in user."""
from typing import Any

from fastapi import Cookie, HTTPException, Request

from shop.repository import ProductRepository
from shop.sessions import sessions


def get_repo(request: Request) -> ProductRepository:
    return request.app.state.products


async def current_user(session: str = Cookie(default="")) -> dict[str, Any]:
    user = await sessions.load(session)
    if user is None:
        raise HTTPException(401, "sign in first")
    return user
