from __future__ import annotations

from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from glide.api.deps import claims, container, json_body, rider_id
from glide.errors import NotFound
from glide.repositories.riders import RiderRepository
from glide.services.auth import AuthService


async def register(request: Request) -> JSONResponse:
    c = container(request)
    body = await json_body(request)
    async with c.sessions() as session:
        auth = AuthService(session, c.settings, c.redis, c.login_guard)
        token = await auth.register(
            body["email"], body["phone"], body.get("full_name", ""), body["password"], int(body["city_id"])
        )
    return JSONResponse({"token": token}, status_code=201)


async def login(request: Request) -> JSONResponse:
    c = container(request)
    body = await json_body(request)
    async with c.sessions() as session:
        token = await AuthService(session, c.settings, c.redis, c.login_guard).login(body["email"], body["password"])
    return JSONResponse({"token": token})


async def logout(request: Request) -> JSONResponse:
    c = container(request)
    data = await claims(request)
    async with c.sessions() as session:
        await AuthService(session, c.settings, c.redis, c.login_guard).logout(data)
    return JSONResponse({"ok": True})


async def request_code(request: Request) -> JSONResponse:
    c = container(request)
    body = await json_body(request)
    async with c.sessions() as session:
        await AuthService(session, c.settings, c.redis, c.login_guard).request_otp(body["phone"], c.sms)
    return JSONResponse({"sent": True}, status_code=202)


async def verify_code(request: Request) -> JSONResponse:
    c = container(request)
    body = await json_body(request)
    async with c.sessions() as session:
        token = await AuthService(session, c.settings, c.redis, c.login_guard).verify_otp(
            body["phone"], str(body["code"])
        )
    return JSONResponse({"token": token})


async def refresh(request: Request) -> JSONResponse:
    c = container(request)
    data = await claims(request)
    async with c.sessions() as session:
        token = await AuthService(session, c.settings, c.redis, c.login_guard).refresh(data)
    return JSONResponse({"token": token})


async def me(request: Request) -> JSONResponse:
    c = container(request)
    rid = await rider_id(request)
    async with c.sessions() as session:
        rider = await RiderRepository(session).get(rid)
    if rider is None:
        raise NotFound("rider not found")
    return JSONResponse(
        {"id": str(rider.id), "email": rider.email, "name": rider.full_name, "city_id": rider.city_id}
    )


routes = [
    Route("/riders", register, methods=["POST"]),
    Route("/auth/login", login, methods=["POST"]),
    Route("/auth/logout", logout, methods=["POST"]),
    Route("/auth/refresh", refresh, methods=["POST"]),
    Route("/auth/otp", request_code, methods=["POST"]),
    Route("/auth/otp/verify", verify_code, methods=["POST"]),
    Route("/me", me, methods=["GET"]),
]
