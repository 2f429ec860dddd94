from __future__ import annotations

from aiohttp import web

from ..core.security import issue_token
from ..repositories.users import UserRepository
from ..services.users import UserService
from .deps import container, current_user, db_session, json_body

routes = web.RouteTableDef()


@routes.post("/api/auth/register")
async def register(request: web.Request) -> web.Response:
    body = await json_body(request)
    svc = UserService(UserRepository(db_session(request)))
    user = await svc.register(body["email"], body["password"], body["display_name"], body.get("institution"))
    return web.json_response({"id": user.id}, status=201)


@routes.post("/api/auth/login")
async def login(request: web.Request) -> web.Response:
    body = await json_body(request)
    svc = UserService(UserRepository(db_session(request)))
    user = await svc.authenticate(body["email"], body["password"])
    token = issue_token(user.id, user.role, container(request).settings.jwt_secret)
    return web.json_response({"token": token, "role": user.role})


@routes.get("/api/auth/me")
async def me(request: web.Request) -> web.Response:
    user = await current_user(request)
    return web.json_response(
        {"id": user.id, "email": user.email, "display_name": user.display_name,
         "institution": user.institution, "role": user.role}
    )
