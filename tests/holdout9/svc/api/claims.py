from datetime import date, datetime
from uuid import UUID

from fastapi import APIRouter, Depends, Query
from fastapi.responses import PlainTextResponse
from pydantic import BaseModel

from svc.api.deps import Principal, current_principal, get_claim_service, limit_claim_intake, require_role
from svc.config import Settings, get_settings
from svc.services.claims import ClaimCreate, ClaimService, ClaimSummary, export_claims_csv, render_summary

router = APIRouter(prefix="/claims", tags=["claims"])


class ClaimCreated(BaseModel):
    id: UUID
    claim_number: str
    status: str
    reserve_cents: int


class StatusChange(BaseModel):
    expected: str
    status: str


@router.post("", status_code=201, dependencies=[Depends(limit_claim_intake)])
async def submit_claim(
    payload: ClaimCreate,
    service: ClaimService = Depends(get_claim_service),
    principal: Principal = Depends(current_principal),
) -> ClaimCreated:
    claim = await service.submit(payload.model_copy(update={"submitted_by": str(principal.subject_id)}))
    return ClaimCreated(id=claim.id, claim_number=claim.claim_number, status=claim.status, reserve_cents=claim.reserve_cents)


@router.post("/{claim_id}/resubmit", status_code=204)
async def resubmit_claim(claim_id: UUID, service: ClaimService = Depends(get_claim_service), principal: Principal = Depends(current_principal)) -> None:
    await service.resubmit(claim_id, actor=str(principal.subject_id))


@router.post("/{claim_id}/status", status_code=204)
async def change_status(
    claim_id: UUID,
    body: StatusChange,
    service: ClaimService = Depends(get_claim_service),
    principal: Principal = Depends(require_role("adjuster", "supervisor")),
) -> None:
    await service.change_status(claim_id, body.expected, body.status, actor=str(principal.subject_id))


@router.get("", dependencies=[Depends(require_role("adjuster", "supervisor"))])
async def list_claims(
    status: str = "submitted",
    before: datetime | None = None,
    limit: int = Query(50, ge=1, le=200),
    service: ClaimService = Depends(get_claim_service),
) -> list[ClaimSummary]:
    return await service.list_page(status, before, limit)


@router.get("/mine")
async def my_claims(service: ClaimService = Depends(get_claim_service), principal: Principal = Depends(current_principal)) -> list[ClaimSummary]:
    return await service.list_for_claimant(principal.email)


@router.get("/reports/daily", response_class=PlainTextResponse, dependencies=[Depends(require_role("supervisor"))])
async def daily_report(day: date, service: ClaimService = Depends(get_claim_service)) -> str:
    return render_summary(await service.daily_counts(day))


@router.get("/reports/export", response_class=PlainTextResponse, dependencies=[Depends(require_role("finance"))])
async def export_day(day: date, settings: Settings = Depends(get_settings)) -> str:
    return await export_claims_csv(settings, day)
