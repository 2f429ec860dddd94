from __future__ import annotations

import json

from fastapi import APIRouter, Depends, HTTPException, Request
from sqlalchemy.ext.asyncio import AsyncSession

from stacks.deps import get_fine_service, get_session
from stacks.repositories.fines import FineRepository
from stacks.schemas import PaymentIn
from stacks.services.fines import FineService

router = APIRouter(prefix="/fines", tags=["fines"])


@router.post("/patrons/{patron_id}/pay")
async def pay(patron_id: int, body: PaymentIn, svc: FineService = Depends(get_fine_service)) -> dict:
    return await svc.pay(patron_id, body.card_ref, body.amount_cents)


@router.post("/webhooks/payments", status_code=204)
async def payment_webhook(request: Request, session: AsyncSession = Depends(get_session)) -> None:
    body = await request.body()
    signature = request.headers.get("x-signature", "")
    if not request.app.state.payments.verify_signature(body, signature):
        raise HTTPException(status_code=400, detail="bad signature")
    event = json.loads(body)
    if event.get("type") != "charge.refunded":
        return
    charge = event["data"]
    await FineRepository(session).record_payment(
        int(charge["metadata"]["patron_id"]), -int(charge["amount_refunded"]), f"refund:{charge['id']}", "refunded"
    )
