from __future__ import annotations

import csv
import io
from collections.abc import AsyncIterator
from datetime import date

from fastapi import APIRouter, BackgroundTasks, Depends, HTTPException
from fastapi.responses import StreamingResponse
from sqlalchemy import func, select

from ..db import SessionLocal
from ..deps import require_staff
from ..models import Account, Outage
from ..services.regulator_export import export_month

router = APIRouter(prefix="/staff/reports", tags=["reports"])


def _require_supervisor(role: str = Depends(require_staff)) -> str:
    if role != "supervisor":
        raise HTTPException(403, "supervisors only")
    return role


@router.post("/regulator/{year}/{month}", status_code=202)
async def regulator_export(year: int, month: int, background: BackgroundTasks, _: str = Depends(_require_supervisor)) -> dict:
    async with SessionLocal() as session:
        served = await session.scalar(select(func.count()).select_from(Account).where(Account.active.is_(True)))
    background.add_task(export_month, date(year, month, 1), int(served or 0))
    return {"status": "scheduled", "month": f"{year}-{month:02d}"}


@router.get("/outages.csv")
async def outages_csv(since: date, _: str = Depends(_require_supervisor)) -> StreamingResponse:
    async def rows() -> AsyncIterator[str]:
        buf = io.StringIO()
        writer = csv.writer(buf)
        writer.writerow(["id", "feeder", "commodity", "started_at", "resolved_at", "affected", "cause"])
        yield buf.getvalue()
        async with SessionLocal() as session:
            stream = await session.stream_scalars(
                select(Outage).where(Outage.started_at >= since).order_by(Outage.started_at).execution_options(yield_per=500)
            )
            async for o in stream:
                buf.seek(0)
                buf.truncate()
                writer.writerow([o.id, o.feeder_id, o.commodity.value, o.started_at.isoformat(), o.resolved_at and o.resolved_at.isoformat(), o.affected_premises, o.cause or ""])
                yield buf.getvalue()

    return StreamingResponse(rows(), media_type="text/csv")
