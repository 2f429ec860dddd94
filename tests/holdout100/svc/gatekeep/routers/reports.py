from __future__ import annotations

from datetime import date

from fastapi import APIRouter, Depends
from fastapi.responses import Response

from ..container import Container
from ..deps import get_container, require_role
from ..utils.workbook import build_workbook

router = APIRouter(prefix="/reports", tags=["reports"], dependencies=[Depends(require_role("auditor"))])

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@router.get("/access-review/{site_id}")
async def access_review(site_id: int, day: date, container: Container = Depends(get_container)) -> Response:
    rows = await container.reports.dormant_badges(site_id, day)
    content = build_workbook(rows, f"Dormant badges {day}")
    headers = {"Content-Disposition": f'attachment; filename="access-review-{site_id}-{day}.xlsx"'}
    return Response(content, media_type=XLSX, headers=headers)


@router.get("/activity/{day}")
async def activity(day: date, container: Container = Depends(get_container)) -> list[dict]:
    return await container.reports.day_activity(day)
