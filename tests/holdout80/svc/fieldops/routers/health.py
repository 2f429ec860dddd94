from __future__ import annotations

from fastapi import APIRouter, Request

router = APIRouter(prefix="/health", tags=["health"])


@router.get("/live")
async def live() -> dict:
    # Liveness only says the process is serving; dependency checks belong to readiness.
    return {"status": "ok"}


@router.get("/ready")
async def ready(request: Request) -> dict:
    state = request.app.state
    return {"status": "ready", "version": state.version, "technicians_online": state.location_hub.online_count()}
