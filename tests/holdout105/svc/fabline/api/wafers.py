"""Wafer endpoints, including wafer-map images from the inspection tools."""
from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter, Depends, HTTPException
from fastapi.responses import Response

from fabline.core.deps import get_db
from fabline.core.settings import get_settings
from fabline.repositories.wafer_repo import WaferRepository

router = APIRouter(prefix="/wafers", tags=["wafers"])


@router.get("/lot/{lot_id}")
async def wafers_of_lot(lot_id: int, session=Depends(get_db)) -> list[dict]:
    wafers = await WaferRepository(session).list_for_lot(lot_id)
    return [{"id": w.id, "slot": w.slot, "scribe": w.scribe, "status": w.status} for w in wafers]


@router.get("/scribe/{scribe}")
async def wafer_by_scribe(scribe: str, session=Depends(get_db)) -> dict:
    wafer = await WaferRepository(session).get_by_scribe(scribe)
    if wafer is None:
        raise HTTPException(404, "wafer not found")
    return {"id": wafer.id, "lot_id": wafer.lot_id, "slot": wafer.slot}


@router.get("/map/{scribe}.png")
def wafer_map(scribe: str) -> Response:
    """Sync endpoint: FastAPI runs it in the threadpool, so plain file IO is fine."""
    path = Path(get_settings().wafer_map_dir) / f"{scribe}.png"
    if not path.is_file():
        raise HTTPException(404, "no wafer map")
    with open(path, "rb") as fh:
        return Response(fh.read(), media_type="image/png")
