"""HTTP endpoints for report uploads."""
from __future__ import annotations

from fastapi import APIRouter, Request

from reports.service import ReportService

router = APIRouter(prefix="/reports")
service = ReportService("/var/lib/reports")


@router.post("/{report_id}")
async def upload(report_id: int, request: Request) -> dict:
    data = await request.body()
    path = await service.store(report_id, data)
    return {"path": path, "tag": await service.tag(data)}
