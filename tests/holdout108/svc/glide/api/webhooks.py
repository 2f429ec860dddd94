from __future__ import annotations

import json
import logging

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from glide.api.deps import container
from glide.core.security import verify_signature
from glide.errors import Unauthorized
from glide.services.vehicles import VehicleService

log = logging.getLogger(__name__)


async def _verified_payload(request: Request) -> dict:
    body = await request.body()
    signature = request.headers.get("x-bridge-signature", "")
    if not verify_signature(body, signature, container(request).settings.iot_webhook_secret):
        raise Unauthorized("bad signature")
    return json.loads(body)


async def telemetry(request: Request) -> Response:
    payload = await _verified_payload(request)
    await container(request).telemetry.record_heartbeat(payload)
    return Response(status_code=204)


async def command_ack(request: Request) -> Response:
    payload = await _verified_payload(request)
    container(request).commands.resolve_ack(payload)
    return Response(status_code=204)


async def vehicle_event(request: Request) -> Response:
    c = container(request)
    payload = await _verified_payload(request)
    async with c.sessions() as session:
        await VehicleService(session, c.geofence).handle_event(payload)
    return Response(status_code=204)


async def batch_telemetry(request: Request) -> JSONResponse:
    payload = await _verified_payload(request)
    points = payload.get("points", [])[:1000]
    accepted = await container(request).telemetry.record_many(points)
    return JSONResponse({"accepted": accepted})


routes = [
    Route("/webhooks/iot/telemetry", telemetry, methods=["POST"]),
    Route("/webhooks/iot/telemetry/batch", batch_telemetry, methods=["POST"]),
    Route("/webhooks/iot/ack", command_ack, methods=["POST"]),
    Route("/webhooks/iot/event", vehicle_event, methods=["POST"]),
]
