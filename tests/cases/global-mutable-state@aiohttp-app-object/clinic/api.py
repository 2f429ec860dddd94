"""Booking routes."""
from __future__ import annotations

from aiohttp import web

from clinic.config import SERVICES

routes = web.RouteTableDef()


@routes.get("/clinics/{clinic_id}/slots")
async def slots(request: web.Request) -> web.Response:
    settings = request.app[SERVICES].settings
    clinic_id = request.get("clinic_id") or settings.active_clinic_id
    return web.json_response({"clinic": clinic_id, "days": settings.booking_window_days})
