from __future__ import annotations

from datetime import date
from decimal import Decimal

from fastapi import APIRouter, Depends, Query
from pydantic import BaseModel, Field

from svc.routers.deps import require_role, services
from svc.services.endorsement_service import EndorsementRequest
from svc.services.errors import NotFound
from svc.utils.security import Principal

router = APIRouter(prefix="/policies", tags=["policies"])


class EndorsementIn(BaseModel):
    kind: str
    effective_date: date
    changes: dict = Field(default_factory=dict)
    premium_delta: Decimal = Decimal("0")


class BulkEndorsementIn(EndorsementIn):
    policy_numbers: list[str] = Field(min_length=1, max_length=500)


@router.get("/{policy_number}")
async def get_policy(policy_number: str, svc=Depends(services), _: Principal = Depends(require_role("adjuster", "underwriter"))):
    try:
        return await svc.policies.snapshot(policy_number)
    except NotFound:
        return {"error": "policy not found", "policy_number": policy_number}


@router.get("/{policy_number}/coverage-check")
async def coverage_check(
    policy_number: str,
    loss_date: date,
    coverage: str,
    svc=Depends(services),
    _: Principal = Depends(require_role("adjuster")),
):
    return await svc.policies.verify_coverage(policy_number, loss_date, coverage)


@router.get("")
async def search_policies(
    q: str = Query(min_length=3), svc=Depends(services), _: Principal = Depends(require_role("adjuster", "underwriter"))
):
    async with svc.db.session() as session:
        from svc.repositories.policies import PolicyRepository

        rows = await PolicyRepository(session).search_by_holder(q)
    return [{"policy_number": p.policy_number, "holder": p.holder_name, "status": p.status} for p in rows]


@router.post("/{policy_number}/endorsements", status_code=201)
async def add_endorsement(
    policy_number: str,
    body: EndorsementIn,
    svc=Depends(services),
    principal: Principal = Depends(require_role("underwriter")),
):
    request = EndorsementRequest(
        kind=body.kind,
        effective_date=body.effective_date,
        changes=body.changes,
        premium_delta=body.premium_delta,
        requested_by=principal.subject,
    )
    endorsement = await svc.endorsements.apply(policy_number, request)
    return {"id": endorsement.id, "policy_number": policy_number}


@router.post("/endorsements/bulk", status_code=202)
async def bulk_endorsement(
    body: BulkEndorsementIn, svc=Depends(services), principal: Principal = Depends(require_role("underwriter"))
):
    request = EndorsementRequest(
        kind=body.kind,
        effective_date=body.effective_date,
        changes=body.changes,
        premium_delta=body.premium_delta,
        requested_by=principal.subject,
    )
    applied = await svc.endorsements.apply_bulk(body.policy_numbers, request)
    return {"applied": len(applied)}


@router.get("/{policy_number}/endorsements")
async def endorsement_history(
    policy_number: str, svc=Depends(services), _: Principal = Depends(require_role("adjuster", "underwriter"))
):
    return await svc.endorsements.history(policy_number)
