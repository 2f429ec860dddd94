from __future__ import annotations

import logging

from aiohttp import web

from ..repositories.outbox import OutboxRepository
from ..repositories.registrations import RegistrationRepository
from ..services.payments import PaymentService
from ..services.registration import RegistrationService
from .deps import container, current_user, db_session, json_body, require_chair

log = logging.getLogger(__name__)
routes = web.RouteTableDef()


def _conference_id(request: web.Request) -> int:
    scoped = container(request).settings.current_conference_id
    if scoped is None:
        raise web.HTTPBadRequest(text="no conference in scope")
    return scoped


@routes.post("/api/conferences/{conference_id:\\d+}/registrations")
async def register(request: web.Request) -> web.Response:
    user = await current_user(request)
    svc = RegistrationService(db_session(request), container(request).pool)
    reg = await svc.register(_conference_id(request), user)
    return web.json_response(reg, status=201)


@routes.get("/api/conferences/{conference_id:\\d+}/registrations/me")
async def my_registration(request: web.Request) -> web.Response:
    user = await current_user(request)
    svc = RegistrationService(db_session(request), container(request).pool)
    reg = await svc.mine(int(request.match_info["conference_id"]), user)
    if reg is None:
        raise web.HTTPNotFound()
    return web.json_response({"id": reg["id"], "status": reg["status"], "price_cents": reg["price_cents"]})


@routes.post("/api/conferences/{conference_id:\\d+}/registrations/me/checkout")
async def checkout(request: web.Request) -> web.Response:
    user = await current_user(request)
    c = container(request)
    conference_id = int(request.match_info["conference_id"])
    regs = RegistrationRepository(c.pool)
    reg = await regs.get_for_user(conference_id, user.id)
    if reg is None:
        raise web.HTTPNotFound()
    body = await json_body(request)
    svc = PaymentService(db_session(request), c.payments, regs, OutboxRepository(c.pool), c.settings)
    return web.json_response(await svc.checkout(dict(reg), body.get("currency", "EUR")))


@routes.post("/api/registrations/transfer")
async def transfer(request: web.Request) -> web.Response:
    await require_chair(request)
    body = await json_body(request)
    svc = RegistrationService(db_session(request), container(request).pool)
    await svc.transfer(int(body["from_registration"]), int(body["to_registration"]))
    return web.json_response({"ok": True})



@routes.post("/api/payments/webhook")
async def payment_webhook(request: web.Request) -> web.Response:
    c = container(request)
    body = await request.read()
    svc = PaymentService(
        db_session(request), c.payments, RegistrationRepository(c.pool), OutboxRepository(c.pool), c.settings
    )
    await svc.handle_webhook(body, request.headers.get("X-Signature", ""))
    return web.Response(status=204)


@routes.post("/api/payments/{payment_id}/return")
async def payment_return(request: web.Request) -> web.Response:
    c = container(request)
    svc = PaymentService(
        db_session(request), c.payments, RegistrationRepository(c.pool), OutboxRepository(c.pool), c.settings
    )
    changed = await svc.confirm_return(int(request.match_info["payment_id"]))
    return web.json_response({"updated": changed})
