from __future__ import annotations

from aiohttp import web
from sqlalchemy.ext.asyncio import AsyncSession

from ..core.container import CONTAINER, Container
from ..core.security import decode_token
from ..models import User
from ..repositories.users import UserRepository


def container(request: web.Request) -> Container:
    return request.app[CONTAINER]


def db_session(request: web.Request) -> AsyncSession:
    return request["db_session"]


async def current_user(request: web.Request) -> User:
    cached = request.get("user")
    if cached is not None:
        return cached
    header = request.headers.get("Authorization", "")
    if not header.startswith("Bearer "):
        raise web.HTTPUnauthorized()
    claims = decode_token(header.removeprefix("Bearer "), container(request).settings.jwt_secret)
    if claims is None:
        raise web.HTTPUnauthorized()
    user = await UserRepository(db_session(request)).get(int(claims["sub"]))
    if user is None:
        raise web.HTTPUnauthorized()
    request["user"] = user
    return user


async def require_chair(request: web.Request) -> User:
    user = await current_user(request)
    if user.role != "pc_chair":
        raise web.HTTPForbidden(text="PC chairs only")
    return user


async def json_body(request: web.Request) -> dict:
    try:
        data = await request.json()
    except ValueError:
        raise web.HTTPBadRequest(text="invalid JSON body")
    if not isinstance(data, dict):
        raise web.HTTPBadRequest(text="expected a JSON object")
    return data
