"""Request middlewares."""
from __future__ import annotations

from aiohttp import web

from clinic.config import SERVICES


@web.middleware
async def clinic_scope(request: web.Request, handler):
    clinic_id = request.match_info.get("clinic_id")
    if clinic_id is not None:
        request.app[SERVICES].settings.active_clinic_id = int(clinic_id)  # expect: global-mutable-state
    return await handler(request)


@web.middleware
async def clinic_on_request(request: web.Request, handler):
    clinic_id = request.match_info.get("clinic_id")
    if clinic_id is not None:
        request["clinic_id"] = int(clinic_id)
    return await handler(request)


@web.middleware
async def booking_limit(request: web.Request, handler):
    services = request.app[SERVICES]
    requested = request.headers.get("X-Booking-Limit")
    if requested:
        services.booking_limit = int(requested)  # expect: global-mutable-state
    return await handler(request)
