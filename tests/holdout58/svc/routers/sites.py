from __future__ import annotations

from fastapi import APIRouter, Depends, HTTPException, Query, status
from fastapi.responses import PlainTextResponse
from sqlalchemy.ext.asyncio import AsyncSession

from ..db.engine import get_session
from ..repositories.alerts import AlertRepository
from ..services import reports

router = APIRouter(prefix="/sites/{site_id}", tags=["sites"])


@router.get("/alerts")
async def open_alerts(
    site_id: str,
    limit: int = Query(100, ge=1, le=500),
    session: AsyncSession = Depends(get_session),
) -> list[dict]:
    alerts = await AlertRepository(session).list_open(site_id, limit)
    return [
        {"id": a.id, "rule_id": a.rule_id, "device_id": a.device_id, "value": a.value, "fired_at": a.fired_at}
        for a in alerts
    ]


@router.post("/alerts/{alert_id}/ack", status_code=status.HTTP_204_NO_CONTENT)
async def acknowledge(site_id: str, alert_id: int, session: AsyncSession = Depends(get_session)) -> None:
    if not await AlertRepository(session).acknowledge(alert_id):
        raise HTTPException(status.HTTP_404_NOT_FOUND, "alert not found")
    await session.commit()


@router.get("/reports/certificates")
async def certificates(site_id: str, format: str = "json"):
    rows = await reports.certificate_report(site_id)
    if format == "csv":
        return PlainTextResponse(reports.rows_to_csv(rows), media_type="text/csv")
    return rows


@router.get("/reports/firmware")
async def firmware(site_id: str, session: AsyncSession = Depends(get_session)) -> dict[str, int]:
    return await reports.firmware_distribution(session, site_id)
