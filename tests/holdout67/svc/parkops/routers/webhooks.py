"""Inbound webhooks: sensor readings from the MQTT bridge and payment provider events."""
from __future__ import annotations

import logging

from fastapi import APIRouter, Depends, Header, HTTPException, Request

from ..config import get_settings
from ..repositories.sensor_repo import Reading
from ..schemas import SensorBatchIn
from ..services.payment_service import InvalidSignature
from ..utils.signing import verify_webhook
from ..web import state

log = logging.getLogger(__name__)
router = APIRouter(prefix="/webhooks", tags=["webhooks"])


@router.post("/sensors", status_code=202)
async def sensor_readings(
    request: Request, x_signature: str = Header(default=""), app_state=Depends(state)
) -> dict[str, int]:
    body = await request.body()
    if not verify_webhook(get_settings().sensor_webhook_secret, body, x_signature):
        raise HTTPException(status_code=401, detail="bad signature")
    batch = SensorBatchIn.model_validate_json(body)
    readings = [Reading(r.sensor, r.bay, r.occupied, r.battery_mv, r.ts) for r in batch.readings]
    accepted = app_state.occupancy_service.submit(batch.zone, readings)
    log.debug("accepted %d readings for zone %s", accepted, batch.zone)
    return {"accepted": accepted}


@router.post("/payments", status_code=204)
async def payment_webhook(request: Request, paygate_signature: str = Header(default=""), app_state=Depends(state)) -> None:
    body = await request.body()
    try:
        await app_state.payment_service.handle_webhook(body, paygate_signature)
    except InvalidSignature as exc:
        log.warning("rejected payment webhook: %s", exc)
        raise HTTPException(status_code=401, detail="invalid signature") from exc
