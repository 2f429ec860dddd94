"""Back-office: feature flags, exports, tariff imports, live occupancy dashboard."""
from __future__ import annotations

import asyncio
import copy
import logging
from datetime import date
from pathlib import Path

from fastapi import APIRouter, Depends, HTTPException, WebSocket, WebSocketDisconnect
from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine

from ..config import get_settings
from ..web import AdminClaims, state
from ..utils.common import day_bounds

log = logging.getLogger(__name__)
router = APIRouter(tags=["admin"])

FEATURE_FLAGS: dict[str, bool] = {
    "lpr_scan": True,
    "garage_prebooking": False,
    "sms_receipts": True,
}


@router.get("/admin/flags")
async def list_flags(admin: AdminClaims) -> dict[str, bool]:
    return dict(FEATURE_FLAGS)


@router.put("/admin/flags/{name}")
async def set_flag(name: str, enabled: bool, admin: AdminClaims) -> dict[str, bool]:
    if name not in FEATURE_FLAGS:
        raise HTTPException(status_code=404, detail="unknown flag")
    FEATURE_FLAGS[name] = enabled
    log.info("flag %s set to %s by %s", name, enabled, admin["sub"])
    return {name: FEATURE_FLAGS[name]}


@router.get("/admin/exports/sessions")
async def export_sessions(day: date, admin: AdminClaims) -> list[dict]:
    start, end = day_bounds(day)
    engine = create_async_engine(get_settings().replica_url)
    async with engine.connect() as conn:
        result = await conn.execute(
            text(
                "SELECT id, plate, zone_id, started_at, ends_at, amount_cents, status "
                "FROM parking_sessions WHERE started_at >= :start AND started_at < :end ORDER BY id"
            ),
            {"start": start, "end": end},
        )
        rows = [dict(r._mapping) for r in result]
    export = copy.deepcopy(rows)
    for row in export:
        row["started_at"] = row["started_at"].isoformat()
        row["ends_at"] = row["ends_at"].isoformat()
    return export


@router.post("/admin/tariffs/import/{filename}")
async def import_tariffs(filename: str, admin: AdminClaims, app_state=Depends(state)) -> dict[str, int]:
    root = Path(get_settings().tariff_import_dir)
    path = (root / filename).resolve()
    if root.resolve() not in path.parents:
        raise HTTPException(status_code=400, detail="bad filename")
    rows = await app_state.tariff_service.import_sheet(path)
    return {"rows": len(rows)}


@router.websocket("/ws/admin/occupancy")
async def occupancy_dashboard(websocket: WebSocket) -> None:
    await websocket.accept()
    service = websocket.app.state.occupancy_service
    zone_ids = [int(z) for z in websocket.query_params.get("zones", "").split(",") if z]
    try:
        while True:
            snapshot = {}
            for zone_id in zone_ids[:50]:
                avail = await service.availability(zone_id)
                snapshot[zone_id] = {"occupied": avail.occupied, "capacity": avail.capacity}
            await websocket.send_json(snapshot)
            await asyncio.sleep(2)
    except WebSocketDisconnect:
        log.info("dashboard disconnected")
