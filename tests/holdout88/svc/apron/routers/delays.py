from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from fastapi import APIRouter, Depends, Request
from pydantic import BaseModel, Field
from sqlalchemy.ext.asyncio import AsyncSession

from apron.deps import Principal, get_delays, get_session, supervisor_principal
from apron.errors import NotFound
from apron.repositories.flights import FlightRepository
from apron.services.delay_reporting import DelayReportingService
from apron.utils.timeutil import day_bounds

router = APIRouter(prefix="/delays", tags=["delays"])


class DelayIn(BaseModel):
    flight_id: int
    code: str = Field(pattern=r"^\d{2}[A-Z]?$")
    minutes: int = Field(gt=0, le=1440)
    remark: str = ""


@router.post("", status_code=201)
async def report_delay(
    body: DelayIn,
    who: Principal = Depends(supervisor_principal),
    session: AsyncSession = Depends(get_session),
    svc: DelayReportingService = Depends(get_delays),
) -> dict[str, Any]:
    flight = await FlightRepository(session).get(body.flight_id)
    if flight is None:
        raise NotFound(f"flight {body.flight_id}")
    report_id = await svc.record(flight, body.code, body.minutes, body.remark)
    return {"report_id": report_id, "duplicate": report_id is None}


@router.get("/{airline}")
async def delays_for_day(airline: str, day: date, request: Request) -> list[dict[str, Any]]:
    start, end = day_bounds(day)
    rows = await request.app.state.delay_repo.reports_between(airline.upper(), start, end)
    return [dict(r) for r in rows]


@router.get("/{airline}/summary")
async def delay_summary(airline: str, day: date, request: Request) -> dict[str, Any]:
    rows = await request.app.state.delay_repo.reports_for_day(airline.upper(), day)
    total = sum(r["minutes"] for r in rows)
    return {"airline": airline.upper(), "day": day, "reports": len(rows), "minutes": total}


@router.post("/{airline}/resend", status_code=202)
async def resend(
    airline: str, day: date, who: Principal = Depends(supervisor_principal), svc: DelayReportingService = Depends(get_delays)
) -> dict[str, int]:
    if day > date.today() or day < date.today() - timedelta(days=30):
        raise NotFound("only the last 30 days can be re-sent")
    return {"sent": await svc.resend_day(airline.upper(), day)}
