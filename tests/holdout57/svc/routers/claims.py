from __future__ import annotations

import time
from collections import defaultdict, deque
from datetime import date

from fastapi import APIRouter, Depends, HTTPException, Query, Request, status
from pydantic import BaseModel, EmailStr, Field

from svc.db.models import ClaimStatus
from svc.repositories.adjusters import AdjusterRepository
from svc.repositories.claims import ClaimRepository
from svc.repositories.policies import PolicyRepository
from svc.routers.deps import portal_claimant, require_role, services
from svc.services.errors import NotFound
from svc.services.fnol_service import FnolRequest
from svc.utils.security import Principal

router = APIRouter(prefix="/claims", tags=["claims"])

_FNOL_WINDOW_SECONDS = 60
_fnol_hits: dict[str, deque[float]] = defaultdict(deque)


class FnolIn(BaseModel):
    policy_number: str
    loss_date: date
    loss_type: str
    coverage_code: str
    description: str = Field(max_length=8000)
    claimant_email: EmailStr
    region: str
    vin: str | None = Field(default=None, min_length=17, max_length=17)
    mileage: int | None = Field(default=None, ge=0)
    zip_code: str | None = None


def _check_fnol_rate(client_ip: str, limit: int) -> None:
    now = time.monotonic()
    hits = _fnol_hits[client_ip]
    while hits and now - hits[0] > _FNOL_WINDOW_SECONDS:
        hits.popleft()
    if len(hits) >= limit:
        raise HTTPException(status.HTTP_429_TOO_MANY_REQUESTS, "too many claim submissions")
    hits.append(now)


@router.post("", status_code=201)
async def submit_fnol(body: FnolIn, request: Request, svc=Depends(services)):
    _check_fnol_rate(request.client.host if request.client else "unknown", svc.settings.fnol_rate_per_minute)
    claim = await svc.fnol.submit(FnolRequest(**body.model_dump()))
    await svc.portal.issue_pin(claim.claim_number, body.claimant_email)
    return {"claim_number": claim.claim_number, "status": claim.status.value, "sla_due_at": claim.sla_due_at}


@router.get("")
async def list_claims(
    status_filter: ClaimStatus | None = Query(default=None, alias="status"),
    after_id: int = 0,
    limit: int = Query(default=50, le=200),
    svc=Depends(services),
    _: Principal = Depends(require_role("adjuster", "supervisor")),
):
    async with svc.db.session() as session:
        claims = await ClaimRepository(session).page(status=status_filter, after_id=after_id, limit=limit)
        policies = PolicyRepository(session)
        items = []
        for claim in claims:
            policy = await policies.get(claim.policy_id)
            items.append(
                {
                    "id": claim.id,
                    "claim_number": claim.claim_number,
                    "status": claim.status.value,
                    "policy_number": policy.policy_number if policy else None,
                    "holder": policy.holder_name if policy else None,
                    "sla_due_at": claim.sla_due_at,
                }
            )
    return {"items": items, "next_after_id": claims[-1].id if claims else None}


@router.get("/mine")
async def claimant_claims(claim_number: str = Depends(portal_claimant), svc=Depends(services)):
    async with svc.db.session() as session:
        claim = await ClaimRepository(session).by_number(claim_number)
        if claim is None:
            raise NotFound(f"claim {claim_number} not found")
        siblings = await ClaimRepository(session).for_claimant(claim.claimant_email)
    return [{"claim_number": c.claim_number, "status": c.status.value} for c in siblings]


@router.get("/{claim_number}")
async def claim_detail(
    claim_number: str, svc=Depends(services), _: Principal = Depends(require_role("adjuster", "supervisor"))
):
    async with svc.db.session() as session:
        claim = await ClaimRepository(session).by_number(claim_number)
        if claim is None:
            raise NotFound(f"claim {claim_number} not found")
    reserves = await svc.reserves.summary(claim.id)
    vehicle = None
    if claim.vin:
        vehicle = await svc.valuation_client.decode_vin(claim.vin)
    return {
        "claim_number": claim.claim_number,
        "status": claim.status.value,
        "loss_type": claim.loss_type,
        "loss_date": claim.loss_date,
        "fraud_band": claim.fraud_band,
        "estimated_value": claim.estimated_value,
        "adjuster_id": claim.adjuster_id,
        "reserves": reserves,
        "vehicle": vehicle,
    }


@router.get("/{claim_number}/vehicle")
async def claim_vehicle(
    claim_number: str, svc=Depends(services), _: Principal = Depends(require_role("adjuster", "supervisor"))
):
    async with svc.db.session() as session:
        claim = await ClaimRepository(session).by_number(claim_number)
    if claim is None or not claim.vin:
        raise NotFound(f"no vehicle on claim {claim_number}")
    return await svc.valuation.vehicle_profile(claim.vin)


@router.post("/{claim_number}/close")
async def close_claim(
    claim_number: str, svc=Depends(services), principal: Principal = Depends(require_role("adjuster", "supervisor"))
):
    async with svc.db.transaction() as session:
        claims = ClaimRepository(session)
        claim = await claims.get_for_update_by_number(claim_number)
        if claim is None:
            raise NotFound(f"claim {claim_number} not found")
        if claim.status in (ClaimStatus.CLOSED, ClaimStatus.DENIED):
            return {"claim_number": claim_number, "status": claim.status.value}
        claim.status = ClaimStatus.CLOSED
        if claim.adjuster_id is not None:
            await AdjusterRepository(session).release_slot(claim.adjuster_id)
    await svc.portal.revoke(claim_number)
    await svc.broadcaster.publish(claim_number, "closed", f"closed by {principal.subject}")
    return {"claim_number": claim_number, "status": "closed"}
