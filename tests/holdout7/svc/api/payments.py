from __future__ import annotations

import asyncio
import json
import logging

from fastapi import APIRouter, Depends, Header, HTTPException, Request
from sqlalchemy.ext.asyncio import AsyncSession

from svc.clients import payments
from svc.data.db import get_session
from svc.data.models import Payment

log = logging.getLogger(__name__)
router = APIRouter(prefix="/payments", tags=["payments"])


@router.post("/webhook")
async def payment_webhook(
    request: Request,
    signature: str = Header(alias="X-Pay-Signature"),
    session: AsyncSession = Depends(get_session),
) -> dict:
    raw = await request.body()
    if not payments.verify_signature(raw, signature):
        raise HTTPException(status_code=401, detail="bad signature")
    event = json.loads(raw)
    if event["type"] == "charge.succeeded":
        status = payments.charge_status(event["charge_id"])
        session.add(
            Payment(
                provider_ref=event["charge_id"],
                enrolment_id=event.get("enrolment_id"),
                amount=event["amount"],
                status=status,
            )
        )
        await session.commit()
    elif event["type"] == "refund.completed":
        refund = await asyncio.to_thread(payments.fetch_refund, event["refund_id"])
        log.info("refund completed", extra={"refund": refund["id"]})
    return {"received": True}
