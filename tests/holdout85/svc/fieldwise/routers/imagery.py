from __future__ import annotations

import asyncio
from datetime import datetime
from pathlib import Path

from fastapi import APIRouter, Depends, File, Form, HTTPException, UploadFile
from fastapi.responses import FileResponse, Response
from sqlalchemy.ext.asyncio import AsyncSession

from fieldwise.deps import Principal, get_session, require_farm, services
from fieldwise.repositories.imagery import ImageryRepository
from fieldwise.schemas.api import SceneOut
from fieldwise.services.container import Services
from fieldwise.services.imagery import ImageryService
from fieldwise.settings import get_settings

router = APIRouter(prefix="/v1/farms/{farm_id}/fields/{field_id}/imagery", tags=["imagery"])

_TILE_CACHE: dict[str, bytes] = {}


def _load_tile(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None


@router.post("/drone", status_code=201)
async def upload_drone(farm_id: int, field_id: int, captured_at: datetime = Form(...),
                       file: UploadFile = File(...), _: Principal = Depends(require_farm),
                       session: AsyncSession = Depends(get_session),
                       deps: Services = Depends(services)) -> dict[str, int]:
    if file.size is not None and file.size > get_settings().max_upload_mb * 1024 * 1024:
        raise HTTPException(413, "upload too large")
    scene_id = await ImageryService(session, deps).save_drone_upload(field_id, captured_at, file.file)
    return {"scene_id": scene_id}


@router.post("/satellite/import")
async def import_satellite(farm_id: int, field_id: int, since: str, _: Principal = Depends(require_farm),
                           session: AsyncSession = Depends(get_session),
                           deps: Services = Depends(services)) -> dict[str, list[int]]:
    return {"scene_ids": await ImageryService(session, deps).import_satellite(field_id, since)}


@router.get("/scenes", response_model=list[SceneOut])
async def scenes(farm_id: int, field_id: int, _: Principal = Depends(require_farm),
                 session: AsyncSession = Depends(get_session)) -> list[SceneOut]:
    rows = await ImageryRepository(session).latest_for_field(field_id)
    return [SceneOut(id=s.id, field_id=s.field_id, source=s.source, captured_at=s.captured_at,
                     status=s.status, ndvi_mean=s.ndvi_mean) for s in rows]


@router.get("/scenes/{scene_id}/preview")
async def preview(farm_id: int, field_id: int, scene_id: int, _: Principal = Depends(require_farm),
                  session: AsyncSession = Depends(get_session), deps: Services = Depends(services)) -> Response:
    data = await ImageryService(session, deps).preview(scene_id)
    return Response(content=data, media_type="application/octet-stream")


@router.get("/scenes/{scene_id}/tiles/{ty}/{tx}")
async def tile(farm_id: int, field_id: int, scene_id: int, ty: int, tx: int,
               _: Principal = Depends(require_farm)) -> Response:
    key = f"{scene_id}/{ty}/{tx}"
    data = _TILE_CACHE.get(key)
    if data is None:
        path = Path(get_settings().tile_dir) / str(scene_id) / str(ty) / f"{tx}.npy"
        data = await asyncio.to_thread(_load_tile, path)
        if data is None:
            raise HTTPException(404, "tile not rendered")
        _TILE_CACHE[key] = data
    return Response(content=data, media_type="application/octet-stream")


@router.get("/scenes/{scene_id}/original")
def download_original(farm_id: int, field_id: int, scene_id: int, _: Principal = Depends(require_farm)):
    root = Path(get_settings().upload_dir)
    matches = sorted(root.glob(f"**/{scene_id}-*.tif"))
    if not matches:
        raise HTTPException(404, "original not retained")
    return FileResponse(matches[0], media_type="image/tiff")
