from __future__ import annotations

from fastapi import APIRouter, Depends, File, Form, UploadFile
from pydantic import BaseModel

from svc.db.models import Player
from svc.deps import current_player, report_service
from svc.services.reports import ReportIn, ReportService

router = APIRouter(prefix="/reports", tags=["reports"])


class ReportOut(BaseModel):
    id: int
    status: str
    verdict: str | None = None


@router.post("", status_code=202, response_model=ReportOut)
async def file_report(
    payload: str = Form(...),
    telemetry: UploadFile | None = File(None),
    player: Player = Depends(current_player),
    reports: ReportService = Depends(report_service),
) -> ReportOut:
    body = ReportIn.model_validate_json(payload)
    blob = await telemetry.read() if telemetry is not None else None
    report = await reports.submit(player.id, body, blob)
    return ReportOut(id=report.id, status=report.status, verdict=report.verdict)


@router.get("/mine", response_model=list[ReportOut])
async def my_reports(
    player: Player = Depends(current_player), reports: ReportService = Depends(report_service)
) -> list[ReportOut]:
    return [ReportOut(id=r.id, status=r.status, verdict=r.verdict) for r in await reports.mine(player.id)]
