"""Inbound webhooks: partner booking channels and PayGate deposit events."""
from __future__ import annotations

import json
import logging

from fastapi import APIRouter, Depends, Header, HTTPException, Request
from pydantic import ValidationError
from sqlalchemy.ext.asyncio import AsyncSession

from svc.config import settings
from svc.container import partner_service, deposit_service
from svc.db.engine import get_session
from svc.schemas import PartnerBookingEvent
from svc.services.deposit_service import DepositService
from svc.services.partner_service import PartnerBookingService
from svc.utils.signing import verify_signature

log = logging.getLogger(__name__)
router = APIRouter(tags=["webhooks"])


@router.post("/partners/{partner}/events")
async def partner_event(
    partner: str,
    request: Request,
    x_signature: str = Header(default=""),
    service: PartnerBookingService = Depends(partner_service),
) -> dict:
    secret = settings.partner_secrets.get(partner)
    if secret is None:
        raise HTTPException(404, "unknown partner")
    body = await request.body()
    if not verify_signature(secret, body, x_signature):
        log.warning("bad signature from partner %s", partner)
        raise HTTPException(401, "bad signature")
    try:
        event = PartnerBookingEvent.model_validate_json(body)
    except ValidationError as exc:
        raise HTTPException(422, "malformed partner event") from exc
    return await service.handle(partner, event)



HANDLED = {"payment_intent.amount_capturable_updated", "payment_intent.succeeded", "payment_intent.canceled"}


@router.post("/webhooks/paygate")
async def paygate_webhook(
    request: Request,
    paygate_signature: str = Header(default=""),
    service: DepositService = Depends(deposit_service),
    session: AsyncSession = Depends(get_session),
) -> dict:
    body = await request.body()
    if not verify_signature(settings.payments_webhook_secret, body, paygate_signature):
        raise HTTPException(400, "invalid signature")
    try:
        event = json.loads(body)
    except json.JSONDecodeError as exc:
        raise HTTPException(400, "invalid JSON") from exc
    if event.get("type") not in HANDLED:
        return {"received": True}
    await service.apply_provider_event(event)
    await session.commit()
    log.info("applied paygate event %s (%s)", event.get("id"), event.get("type"))
    return {"received": True}
