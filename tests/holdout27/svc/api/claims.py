"""Claim intake and adjuster-facing claim endpoints."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, File, Header, HTTPException, Query, Request, UploadFile, status

from svc.api.deps import (
    IdempotencyStore,
    PrincipalDep,
    SessionDep,
    SubmissionRateLimiter,
    get_adjusters,
    get_claim_service,
    get_claims_repo,
    get_idempotency,
    get_intake,
    get_rate_limiter,
    require_role,
)
from svc.repositories.claims import ClaimsRepository
from svc.repositories.orm import PolicyRepository
from svc.schemas import ClaimCreated, ClaimSubmission, ClaimSummary, ImportSummary, QueueItem, StatusChange
from svc.services.adjusters import AdjusterService
from svc.services.claims import ClaimService
from svc.services.intake import ClaimIntakeService

router = APIRouter(prefix="/claims", tags=["claims"])

MAX_BORDEREAU_BYTES = 20 * 1024 * 1024


@router.post("", response_model=ClaimCreated, status_code=status.HTTP_201_CREATED)
async def submit_claim(
    payload: ClaimSubmission,
    session: SessionDep,
    principal: PrincipalDep,
    intake: Annotated[ClaimIntakeService, Depends(get_intake)],
    limiter: Annotated[SubmissionRateLimiter, Depends(get_rate_limiter)],
    idempotency: Annotated[IdempotencyStore, Depends(get_idempotency)],
    idempotency_key: Annotated[str | None, Header(alias="Idempotency-Key")] = None,
) -> ClaimCreated:
    limiter.check(payload.policy_number)
    if idempotency_key is not None:
        previous = await idempotency.result(idempotency_key)
        if previous is not None:
            return ClaimCreated(**previous)
        if not await idempotency.claim_key(idempotency_key):
            raise HTTPException(status.HTTP_409_CONFLICT, "request with this Idempotency-Key is in progress")
    policy = await PolicyRepository(session).get_by_number(payload.policy_number)
    created = await intake.submit(payload, policy)
    if idempotency_key is not None:
        await idempotency.store_result(idempotency_key, created.model_dump())
    return created


@router.post("/imports", response_model=ImportSummary, dependencies=[require_role("broker_ops")])
async def import_bordereau(
    broker_id: Annotated[int, Query()],
    intake: Annotated[ClaimIntakeService, Depends(get_intake)],
    file: Annotated[UploadFile, File()],
) -> ImportSummary:
    raw = await file.read(MAX_BORDEREAU_BYTES + 1)
    if len(raw) > MAX_BORDEREAU_BYTES:
        raise HTTPException(status.HTTP_413_REQUEST_ENTITY_TOO_LARGE, "bordereau too large")
    return await intake.import_bordereau(raw, broker_id)


@router.get("/search", response_model=list[ClaimSummary])
async def search_claims(
    repo: Annotated[ClaimsRepository, Depends(get_claims_repo)],
    principal: PrincipalDep,
    q: Annotated[str, Query(min_length=3, max_length=100)],
    page: Annotated[int, Query(ge=0)] = 0,
    page_size: Annotated[int, Query(ge=1, le=100)] = 25,
) -> list[ClaimSummary]:
    rows = await repo.search(q, page, page_size)
    return [ClaimSummary(id=r["id"], claim_number=r["claim_number"], status=r["status"], reported_at=r["reported_at"]) for r in rows]


@router.get("/queue", response_model=list[QueueItem])
async def my_queue(
    principal: PrincipalDep,
    service: Annotated[ClaimService, Depends(get_claim_service)],
) -> list[QueueItem]:
    return await service.adjuster_queue(principal.user_id)


@router.get("/workload/{adjuster_id}", response_model=list[ClaimSummary], dependencies=[require_role("team_lead")])
async def adjuster_workload(adjuster_id: int, adjusters: Annotated[AdjusterService, Depends(get_adjusters)]) -> list[ClaimSummary]:
    return await adjusters.workload(adjuster_id)


@router.get("/holders/{holder_id}")
async def holder_claims(
    holder_id: int,
    principal: PrincipalDep,
    service: Annotated[ClaimService, Depends(get_claim_service)],
) -> list[dict[str, Any]]:
    return await service.holder_claims(holder_id)


@router.get("/teams/{region}", dependencies=[require_role("team_lead")])
async def team_overview(region: str, adjusters: Annotated[AdjusterService, Depends(get_adjusters)]) -> list[dict[str, Any]]:
    return await adjusters.team_overview(region)


@router.post("/missing-documents")
async def claims_missing_documents(
    claim_ids: list[int],
    principal: PrincipalDep,
    service: Annotated[ClaimService, Depends(get_claim_service)],
    required: Annotated[int, Query(ge=1, le=20)] = 3,
) -> list[int]:
    return await service.missing_document_claims(claim_ids[:200], required)


@router.post("/rescore", status_code=status.HTTP_202_ACCEPTED, dependencies=[require_role("fraud_analyst")])
async def rescore_claims(claim_ids: list[int], request: Request) -> dict[str, int]:
    await request.app.state.fraud_scoring.rescore(claim_ids[:1000])
    return {"rescored": len(claim_ids[:1000])}


@router.get("/{claim_id}")
async def get_claim(claim_id: int, principal: PrincipalDep, service: Annotated[ClaimService, Depends(get_claim_service)]) -> dict[str, Any]:
    claim = await service.get_detail(claim_id)
    return {
        "id": claim.id,
        "claim_number": claim.claim_number,
        "status": claim.status,
        "policy_number": claim.policy.policy_number,
        "documents": [{"id": d.id, "filename": d.filename} for d in claim.documents],
    }


@router.post("/{claim_id}/status", status_code=status.HTTP_204_NO_CONTENT)
async def change_status(
    claim_id: int,
    body: StatusChange,
    principal: PrincipalDep,
    service: Annotated[ClaimService, Depends(get_claim_service)],
) -> None:
    await service.change_status(claim_id, body.status, principal.actor, body.reason)


@router.post("/{claim_id}/triage")
async def triage_claim(claim_id: int, principal: PrincipalDep, service: Annotated[ClaimService, Depends(get_claim_service)]) -> dict[str, bool]:
    return {"moved": await service.move_to_triage(claim_id, principal.actor)}


@router.post("/{claim_id}/assign/{adjuster_id}", status_code=status.HTTP_204_NO_CONTENT, dependencies=[require_role("team_lead")])
async def assign_claim(claim_id: int, adjuster_id: int, adjusters: Annotated[AdjusterService, Depends(get_adjusters)]) -> None:
    await adjusters.assign(claim_id, adjuster_id)


@router.post("/{claim_id}/auto-assign")
async def auto_assign_claim(
    claim_id: int,
    region: Annotated[str, Query(max_length=8)],
    principal: PrincipalDep,
    adjusters: Annotated[AdjusterService, Depends(get_adjusters)],
) -> dict[str, int | None]:
    return {"adjuster_id": await adjusters.auto_assign(claim_id, region)}
