"""Inbound calls from the national exchange: new-prescription notices and prescriber events."""
from __future__ import annotations

import json
import logging

from fastapi import APIRouter, Header, HTTPException, Request, status

from dispensary.deps import ContainerDep
from dispensary.utils.security import verify_callback_signature

logger = logging.getLogger(__name__)

router = APIRouter(prefix="/exchange", tags=["exchange"])


async def _verified_body(request: Request, signature: str | None, secret: str) -> dict:
    body = await request.body()
    if not signature or not verify_callback_signature(body, signature, secret):
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "bad signature")
    return json.loads(body)


@router.post("/events", status_code=202)
async def exchange_event(
    request: Request, container: ContainerDep, x_signature: str | None = Header(default=None)
) -> dict[str, str]:
    event = await _verified_body(request, x_signature, container.settings.exchange_callback_secret)
    logger.info("exchange event %s for %s", event.get("type"), event.get("rx_id"))
    await container.prescriptions.handle_exchange_event(event)
    return {"status": "accepted"}


@router.post("/new-rx", status_code=202)
async def new_prescription_notice(
    request: Request, container: ContainerDep, x_signature: str | None = Header(default=None)
) -> dict[str, str]:
    notice = await _verified_body(request, x_signature, container.settings.exchange_callback_secret)
    rx_id = await container.prescriptions.intake(notice["rx_id"], int(notice["pharmacy_branch"]))
    return {"status": "accepted", "prescription_id": str(rx_id)}
