"""Price alerts. ``admin_router`` is mounted by the admin router under /admin."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import asyncpg
from fastapi import APIRouter, Depends, HTTPException, Query, status

from app.database import DataManager
from app.dependencies import get_current_user, get_db
from app.models import AlertCreate, AlertOut

router = APIRouter(prefix="/alerts", tags=["alerts"])
admin_router = APIRouter(prefix="/alerts", tags=["admin"])


@router.get("", response_model=list[AlertOut])
async def list_alerts(
    user: asyncpg.Record = Depends(get_current_user),
    dm: DataManager = Depends(get_db),
) -> list[AlertOut]:
    rows = await dm.list_alerts_for_user(user["id"])
    return [AlertOut.model_validate(dict(row)) for row in rows]


@router.post("", status_code=status.HTTP_201_CREATED)
async def create_alert(
    body: AlertCreate,
    user: asyncpg.Record = Depends(get_current_user),
    dm: DataManager = Depends(get_db),
) -> dict[str, int | bool]:
    instrument = await dm.get_instrument_by_symbol(body.symbol)
    if instrument is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, f"unknown symbol {body.symbol}")
    alert_id, created = await dm.create_alert(
        user["id"], instrument["id"], body.direction, body.threshold
    )
    return {"id": alert_id, "created": created}


@router.delete("/{alert_id}", status_code=status.HTTP_204_NO_CONTENT)
async def delete_alert(
    alert_id: int,
    user: asyncpg.Record = Depends(get_current_user),
    dm: DataManager = Depends(get_db),
) -> None:
    if not await dm.deactivate_alert(alert_id, user["id"]):
        raise HTTPException(status.HTTP_404_NOT_FOUND, "alert not found")


@admin_router.get("/instrument/{symbol}")
async def alerts_for_instrument(symbol: str, dm: DataManager = Depends(get_db)) -> list[dict]:
    instrument = await dm.get_instrument_by_symbol(symbol)
    if instrument is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, f"unknown symbol {symbol}")
    rows = await dm.list_alerts_for_instrument(instrument["id"])
    return [dict(row) for row in rows]


@admin_router.post("/archive")
async def archive_alerts(
    older_than_days: int = Query(180, ge=30),
    dm: DataManager = Depends(get_db),
) -> dict[str, int]:
    cutoff = datetime.now(timezone.utc) - timedelta(days=older_than_days)
    return {"archived": await dm.archive_old_alerts(cutoff)}
