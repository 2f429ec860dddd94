from __future__ import annotations

from datetime import date

from fastapi import APIRouter, Depends, Query
from pydantic import BaseModel, Field
from sqlalchemy import select
from sqlalchemy.orm import Session

from readroom.api.deps import current_user, db_session, services
from readroom.db.sync_engine import get_sync_session, sync_session_scope
from readroom.errors import ReportNotFound
from readroom.models import Distribution, Report, User
from readroom.repositories.reports import ReportRepository
from readroom.services.report_drafting import ReportDraftingService
from readroom.services.signoff import SignoffService
from readroom.utils.timeutil import day_bounds

router = APIRouter(prefix="/reports", tags=["reports"])


class StartDraft(BaseModel):
    study_id: int
    template_code: str | None = None


class SaveDraft(BaseModel):
    findings: str = Field(max_length=60_000)
    impression: str = Field(max_length=20_000)
    structured: dict = Field(default_factory=dict)


class SignRequest(BaseModel):
    pin: str


class CosignRequest(BaseModel):
    attending_id: int


class ReturnRequest(BaseModel):
    comment: str = Field(max_length=2000)


class AddendumRequest(BaseModel):
    text: str = Field(max_length=10_000)


@router.post("")
async def start_draft(body: StartDraft, user: User = Depends(current_user), session=Depends(db_session),
                      svc=Depends(services)) -> dict:
    return await ReportDraftingService(session, svc.priors).start_draft(body.study_id, user, body.template_code)


@router.get("/{report_id}")
async def load_report(report_id: int, _user: User = Depends(current_user), session=Depends(db_session),
                      svc=Depends(services)) -> dict:
    return await ReportDraftingService(session, svc.priors).load(report_id)


@router.put("/{report_id}")
async def save_report(report_id: int, body: SaveDraft, _user: User = Depends(current_user),
                      session=Depends(db_session), svc=Depends(services)) -> dict:
    return await ReportDraftingService(session, svc.priors).save(
        report_id, findings=body.findings, impression=body.impression, structured=body.structured
    )


def _signoff(session, svc) -> SignoffService:
    return SignoffService(session, svc.his, svc.alerts, svc.distribution, svc.tat)


@router.post("/{report_id}/preliminary")
async def sign_preliminary(report_id: int, user: User = Depends(current_user), session=Depends(db_session),
                           svc=Depends(services)) -> dict:
    return await _signoff(session, svc).sign_preliminary(report_id, user)


@router.post("/{report_id}/final")
async def sign_final(report_id: int, body: SignRequest, user: User = Depends(current_user),
                     session=Depends(db_session), svc=Depends(services)) -> dict:
    return await _signoff(session, svc).sign_final(report_id, user, body.pin, user.signing_pin_hash)


@router.post("/{report_id}/cosign-request")
async def request_cosign(report_id: int, body: CosignRequest, user: User = Depends(current_user),
                         session=Depends(db_session), svc=Depends(services)) -> dict:
    return await _signoff(session, svc).request_cosign(report_id, user, body.attending_id)


@router.post("/{report_id}/return")
async def return_to_resident(report_id: int, body: ReturnRequest, user: User = Depends(current_user),
                             session=Depends(db_session), svc=Depends(services)) -> dict:
    return await _signoff(session, svc).return_to_resident(report_id, user, body.comment)


@router.post("/by-accession/{accession}/addendum")
async def addendum(accession: str, body: AddendumRequest, user: User = Depends(current_user),
                   session=Depends(db_session), svc=Depends(services)) -> dict:
    return await _signoff(session, svc).addendum(accession, user, body.text)


@router.get("/{report_id}/distribution")
async def distribution_status(report_id: int, _user: User = Depends(current_user)) -> dict:
    with sync_session_scope() as sync_session:
        rows = sync_session.execute(select(Distribution).where(Distribution.report_id == report_id)).scalars().all()
        return {
            "report_id": report_id,
            "items": [
                {"channel": d.channel, "destination": d.destination, "status": d.status, "attempts": d.attempts}
                for d in rows
            ],
        }


@router.get("/{report_id}/versions")
async def versions(report_id: int, _user: User = Depends(current_user), session=Depends(db_session)) -> dict:
    repo = ReportRepository(session)
    report = await repo.get(report_id)
    if report is None:
        raise ReportNotFound(f"report {report_id} not found")
    history = await repo.list_with_templates(report.study_id)
    return {
        "items": [
            {"id": r.id, "version": r.version, "status": r.status, "template": r.template.code if r.template else None}
            for r in history
        ]
    }


@router.get("/signed/daily")
def signed_for_day(
    day: date = Query(default_factory=date.today),
    session: Session = Depends(get_sync_session),
    _user: User = Depends(current_user),
) -> dict:
    start, end = day_bounds(day)
    rows = session.execute(
        select(Report.id, Report.accession_number, Report.signed_at)
        .where(Report.status == "FINAL", Report.signed_at >= start, Report.signed_at < end)
        .order_by(Report.signed_at)
        .limit(5000)
    ).all()
    return {"day": day.isoformat(), "items": [{"id": r.id, "accession": r.accession_number} for r in rows]}
