"""Payment provider webhooks and rider payment methods."""
from __future__ import annotations

import json
import logging

from fastapi import APIRouter, Depends, Header, HTTPException, Request, status
from pydantic import BaseModel
from sqlalchemy.ext.asyncio import AsyncSession

from svc.api.deps import Principal, payment_service, require_role
from svc.config import get_settings
from svc.db.engine import get_session
from svc.repositories.rider_repo import RiderRepository
from svc.services.payment_service import PaymentService
from svc.utils.security import verify_webhook_signature

logger = logging.getLogger(__name__)
router = APIRouter(prefix="/payments", tags=["payments"])


class PaymentMethod(BaseModel):
    token: str


@router.post("/webhook", status_code=status.HTTP_204_NO_CONTENT)
async def provider_webhook(
    request: Request,
    x_signature: str = Header(default=""),
    payments: PaymentService = Depends(payment_service),
) -> None:
    body = await request.body()
    if not verify_webhook_signature(body, x_signature, get_settings().payments_webhook_secret):
        raise HTTPException(status_code=status.HTTP_401_UNAUTHORIZED, detail="bad signature")
    try:
        event = json.loads(body)
        known = await payments.apply_webhook(event)
    except Exception:
        raise HTTPException(status_code=status.HTTP_400_BAD_REQUEST, detail="malformed event")
    if not known:
        logger.info("webhook for unknown charge %s", event.get("data", {}).get("charge_id"))


@router.put("/method")
async def set_payment_method(
    body: PaymentMethod,
    principal: Principal = Depends(require_role("rider")),
    session: AsyncSession = Depends(get_session),
) -> dict:
    rider = await RiderRepository(session).get(principal.user_id)
    if rider is None:
        raise HTTPException(status_code=status.HTTP_404_NOT_FOUND, detail="rider not found")
    rider.default_payment_method = body.token
    await session.commit()
    return {"ok": True}
