from __future__ import annotations

from fastapi import APIRouter

router = APIRouter(tags=["health"])


@router.get("/healthz/live")
async def live() -> dict:
    # Liveness only says the event loop is serving requests; dependencies are
    # deliberately not checked here so a database blip does not restart pods.
    return {"status": "ok"}


@router.get("/healthz/ready")
async def ready() -> dict:
    return {"status": "ready"}
