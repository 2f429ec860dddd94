from __future__ import annotations

import asyncio
from datetime import date

import pandas as pd
from fastapi import APIRouter, Depends
from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine

from ..config import settings
from ..deps import current_shipper
from ..models import Shipper

router = APIRouter(prefix="/reports", tags=["reports"])

LANE_SQL = text(
    """
    SELECT l.origin_state || '-' || l.dest_state AS lane, l.equipment, l.booked_rate_cents, l.max_rate_cents,
           l.pickup_at, l.status
    FROM loads l
    WHERE l.shipper_id = :shipper_id AND l.pickup_at >= :start AND l.pickup_at < :end
    """
)


def _margin_table(records: list[dict]) -> list[dict]:
    frame = pd.DataFrame.from_records(records)
    if frame.empty:
        return []
    frame["savings"] = frame["max_rate_cents"] - frame["booked_rate_cents"].fillna(frame["max_rate_cents"])
    table = frame.groupby(["lane", "equipment"]).agg(loads=("lane", "size"), savings=("savings", "sum")).reset_index()
    return table.to_dict(orient="records")


@router.get("/lanes")
async def lane_report(start: date, end: date, shipper: Shipper = Depends(current_shipper)):
    reporting = create_async_engine(settings.reporting_dsn)
    async with reporting.connect() as conn:
        result = await conn.execute(LANE_SQL, {"shipper_id": shipper.id, "start": start, "end": end})
        records = [dict(row._mapping) for row in result]
    frame = pd.DataFrame.from_records(records)
    if frame.empty:
        return []
    frame["month"] = pd.to_datetime(frame["pickup_at"]).dt.to_period("M").astype(str)
    summary = frame.pivot_table(index="lane", columns="month", values="booked_rate_cents", aggfunc=["mean", "count"])
    return summary.fillna(0).reset_index().to_dict(orient="records")


@router.get("/margins")
async def margins(start: date, end: date, shipper: Shipper = Depends(current_shipper)):
    from ..db import engine

    async with engine.connect() as conn:
        result = await conn.execute(LANE_SQL, {"shipper_id": shipper.id, "start": start, "end": end})
        records = [dict(row._mapping) for row in result]
    return await asyncio.to_thread(_margin_table, records)
