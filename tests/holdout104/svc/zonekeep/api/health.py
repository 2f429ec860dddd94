from __future__ import annotations

from fastapi import APIRouter

router = APIRouter(tags=["health"])


@router.get("/livez")
async def livez() -> dict:
    # Liveness only says the event loop is serving requests; dependencies are /readyz's job.
    return {"status": "alive"}


@router.get("/readyz")
async def readyz() -> dict:
    return {"status": "ready"}
