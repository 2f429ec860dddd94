from __future__ import annotations

import asyncio
from pathlib import Path

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import Response

from fieldops.deps import CurrentUser, current_user

router = APIRouter(prefix="/manuals", tags=["manuals"])


def _safe_path(base: str, name: str) -> Path:
    root = Path(base).resolve()
    path = (root / name).resolve()
    if root not in path.parents:
        raise HTTPException(status_code=400, detail="bad file name")
    return path


@router.get("/{name}")
def download_manual(name: str, request: Request, user: CurrentUser = Depends(current_user)) -> Response:
    # Plain def: FastAPI runs this in its threadpool, so the file read does not block the loop.
    path = _safe_path(request.app.state.settings.manuals_dir, name)
    if not path.is_file():
        raise HTTPException(status_code=404, detail="manual not found")
    with open(path, "rb") as fh:
        return Response(fh.read(), media_type="application/pdf")


@router.get("/{name}/preview")
async def preview_manual(name: str, request: Request, user: CurrentUser = Depends(current_user)) -> Response:
    path = _safe_path(request.app.state.settings.manuals_dir, name)
    data = await asyncio.to_thread(path.read_bytes)
    return Response(data[:65536], media_type="application/octet-stream")
