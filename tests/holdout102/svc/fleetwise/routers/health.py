from __future__ import annotations

from fastapi import APIRouter

from fleetwise import __version__

router = APIRouter(prefix="/health", tags=["health"])


@router.get("/live")
async def live() -> dict:
    return {"status": "ok", "version": __version__}


@router.get("/ready")
async def ready() -> dict:
    return {"status": "ready", "version": __version__}
