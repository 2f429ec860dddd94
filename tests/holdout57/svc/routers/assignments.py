from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from fastapi import APIRouter, Depends
from pydantic import BaseModel

from svc.routers.deps import require_role, services
from svc.utils.security import Principal

router = APIRouter(tags=["assignments"])

CENT = Decimal("0.01")


def parse_amount(raw: str | int | float | Decimal) -> Decimal:
    try:
        value = Decimal(str(raw))
    except InvalidOperation as exc:
        raise ValueError(f"not a monetary amount: {raw!r}") from exc
    if not value.is_finite():
        raise ValueError("amount must be finite")
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


class ReassignIn(BaseModel):
    adjuster_id: int


class ReserveIn(BaseModel):
    coverage_code: str
    amount: str
    reason: str


@router.post("/regions/{region}/assign")
async def assign_region(region: str, svc=Depends(services), _: Principal = Depends(require_role("supervisor"))):
    made = await svc.assignments.assign_region(region)
    return {"assigned": [a.__dict__ for a in made]}


@router.post("/claims/{claim_number}/reassign")
async def reassign(
    claim_number: str, body: ReassignIn, svc=Depends(services), principal: Principal = Depends(require_role("supervisor"))
):
    assignment = await svc.assignments.reassign(claim_number, body.adjuster_id, principal.subject)
    return assignment.__dict__


@router.get("/regions/{region}/workload")
async def workload(region: str, svc=Depends(services), _: Principal = Depends(require_role("supervisor"))):
    return await svc.assignments.workload(region)


@router.put("/claims/{claim_id}/reserve")
async def set_reserve(
    claim_id: int, body: ReserveIn, svc=Depends(services), principal: Principal = Depends(require_role("adjuster"))
):
    amount: Decimal = parse_amount(body.amount)
    outstanding = await svc.reserves.set_reserve(claim_id, body.coverage_code, amount, principal.adjuster_id, body.reason)
    return {"claim_id": claim_id, "outstanding": str(outstanding)}
