from __future__ import annotations

from decimal import Decimal

from fastapi import APIRouter, Depends, Header
from pydantic import BaseModel, Field

from svc.routers.deps import require_role, services
from svc.utils.security import Principal

router = APIRouter(prefix="/payouts", tags=["payouts"])


class PayoutIn(BaseModel):
    claim_id: int
    coverage_code: str
    amount: Decimal = Field(gt=0, max_digits=14, decimal_places=2)
    payee_name: str = Field(max_length=200)
    payee_account: str = Field(max_length=64)


def _view(payout) -> dict:
    return {
        "id": payout.id,
        "claim_id": payout.claim_id,
        "coverage_code": payout.coverage_code,
        "amount": str(payout.amount),
        "status": payout.status.value,
        "approved_by": payout.approved_by,
        "external_ref": payout.external_ref,
    }


@router.post("", status_code=201)
async def request_payout(
    body: PayoutIn,
    idempotency_key: str | None = Header(default=None),
    svc=Depends(services),
    principal: Principal = Depends(require_role("adjuster")),
):
    payout = await svc.payouts.request(
        body.claim_id,
        body.coverage_code,
        body.amount,
        body.payee_name,
        body.payee_account,
        principal.subject,
        idempotency_key=idempotency_key,
    )
    return _view(payout)


@router.post("/{payout_id}/approve")
async def approve_payout(
    payout_id: int, svc=Depends(services), principal: Principal = Depends(require_role("adjuster", "supervisor"))
):
    payout = await svc.payouts.approve(payout_id, principal.adjuster_id)
    return _view(payout)


@router.post("/{payout_id}/submit")
async def submit_payout(payout_id: int, svc=Depends(services), _: Principal = Depends(require_role("supervisor"))):
    payout = await svc.payouts.submit(payout_id)
    return _view(payout)


@router.post("/{payout_id}/retry")
async def retry_payout(payout_id: int, svc=Depends(services), _: Principal = Depends(require_role("supervisor"))):
    return _view(await svc.payouts.retry_failed(payout_id))


@router.get("/claim/{claim_id}")
async def claim_payouts(claim_id: int, svc=Depends(services), _: Principal = Depends(require_role("adjuster", "supervisor"))):
    async with svc.db.session() as session:
        from svc.repositories.payouts import PayoutRepository

        rows = await PayoutRepository(session).for_claim(claim_id)
    return [_view(p) for p in rows]
