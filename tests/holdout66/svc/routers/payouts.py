from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Header
from pydantic import BaseModel, Field

from svc import deps
from svc.clients.payments import PaymentsClient
from svc.errors import InsufficientBalance
from svc.repositories.payouts import PayoutRepository
from svc.services.payouts import PayoutService

router = APIRouter(prefix="/payouts", tags=["payouts"])


class PayoutIn(BaseModel):
    amount_cents: int = Field(gt=0)


def payout_service(
    session: deps.SessionDep, payments: Annotated[PaymentsClient, Depends(deps.payments)]
) -> PayoutService:
    return PayoutService(session, payments)


@router.get("/balance")
async def balance(session: deps.SessionDep, creator: deps.CreatorDep) -> dict:
    bal = await PayoutRepository(session).balance(creator.id)
    return {
        "available_cents": bal.available_cents if bal else 0,
        "pending_cents": bal.pending_cents if bal else 0,
    }


@router.get("/history")
async def history(session: deps.SessionDep, creator: deps.CreatorDep) -> list[dict]:
    payouts = await PayoutRepository(session).history(creator.id)
    return [
        {"id": p.id, "amount_cents": p.amount_cents, "status": p.status, "created_at": p.created_at.isoformat()}
        for p in payouts
    ]


@router.post("", status_code=201)
async def request_payout(
    body: PayoutIn,
    creator: deps.CreatorDep,
    service: Annotated[PayoutService, Depends(payout_service)],
    idempotency_key: Annotated[str, Header(min_length=8, max_length=64)],
) -> dict:
    try:
        payout = await service.request_payout(creator, body.amount_cents, idempotency_key)
    except InsufficientBalance as exc:
        return {"ok": False, "error": exc.message}
    return {"ok": True, "id": payout.id, "status": payout.status}
