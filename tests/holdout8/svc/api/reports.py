"""Cheating reports filed by players."""

from __future__ import annotations

from fastapi import APIRouter, Depends, status

from svc.api.deps import current_player_id, get_report_service
from svc.services.reports import ReportIn, ReportService

router = APIRouter(tags=["reports"])


@router.post("/reports", status_code=status.HTTP_201_CREATED)
async def file_report(
    body: ReportIn,
    player_id: int = Depends(current_player_id),
    reports: ReportService = Depends(get_report_service),
) -> dict[str, int]:
    return {"report_id": await reports.file_report(player_id, body)}


@router.get("/reports/mine")
async def my_reports(
    player_id: int = Depends(current_player_id), reports: ReportService = Depends(get_report_service)
) -> list[dict[str, object]]:
    return await reports.my_reports(player_id)
