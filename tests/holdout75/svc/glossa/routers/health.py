from __future__ import annotations

from fastapi import APIRouter

from glossa import __version__

router = APIRouter(tags=["health"])


@router.get("/livez")
async def livez() -> dict:
    return {"status": "alive"}


@router.get("/readyz")
async def readyz() -> dict:
    return {"status": "ready", "version": __version__}
