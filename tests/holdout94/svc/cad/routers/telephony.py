from __future__ import annotations

import json
import logging

from fastapi import APIRouter, Depends, Header, HTTPException, Request

from ..deps import get_container
from ..errors import GeocodeError
from ..services.container import Container

router = APIRouter(prefix="/telephony", tags=["telephony"])
log = logging.getLogger(__name__)


@router.post("/webhook", status_code=202)
async def gateway_webhook(
    request: Request,
    x_gateway_signature: str = Header(default=""),
    container: Container = Depends(get_container),
) -> dict:
    body = await request.body()
    if not container.telephony.verify_signature(body, x_gateway_signature):
        raise HTTPException(status_code=401, detail="bad signature")
    try:
        event = json.loads(body)
    except json.JSONDecodeError as exc:
        raise HTTPException(status_code=400, detail="malformed event") from exc
    try:
        return await container.intake.handle_event(event)
    except GeocodeError as exc:
        log.error("intake for call %s failed geocoding: %s", event.get("call_id"), exc)
        raise HTTPException(status_code=422, detail="location could not be verified") from exc


@router.post("/calls/{gateway_id}/rebid")
async def rebid(gateway_id: str, container: Container = Depends(get_container)) -> dict:
    return await container.intake.rebid(gateway_id)
