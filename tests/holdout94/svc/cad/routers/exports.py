from __future__ import annotations

from datetime import date
from pathlib import Path

from fastapi import APIRouter, Depends, HTTPException
from fastapi.responses import Response

from ..deps import current_dispatcher, get_container
from ..services.auth import Principal
from ..services.container import Container
from ..services.exports import export_summary
from ..settings import get_settings

router = APIRouter(prefix="/exports", tags=["exports"])


@router.post("/nfirs/{day}")
async def nfirs_export(
    day: date,
    container: Container = Depends(get_container),
    user: Principal = Depends(current_dispatcher),
) -> dict:
    path, rows = await container.exports.nfirs_for_day(day)
    return await export_summary(path, rows)


@router.get("/nena/{day}")
async def nena_export(
    day: date,
    container: Container = Depends(get_container),
    user: Principal = Depends(current_dispatcher),
) -> Response:
    body = await container.exports.nena_for_day(day)
    return Response(body, media_type="application/xml")


@router.get("/files/{name}")
def download(name: str, user: Principal = Depends(current_dispatcher)) -> Response:
    base = Path(get_settings().export_dir).resolve()
    path = (base / name).resolve()
    if base not in path.parents or not path.is_file():
        raise HTTPException(status_code=404, detail="no such export")
    return Response(path.read_bytes(), media_type="text/plain")
