from __future__ import annotations

from fastapi import APIRouter, Request

router = APIRouter(prefix="/health", tags=["health"])


@router.get("/live")
async def live() -> dict[str, str]:
    # Liveness only says the event loop answers; dependencies belong to readiness.
    return {"status": "ok"}


@router.get("/ready")
async def ready(request: Request) -> dict[str, str]:
    container = request.app.state.container
    return {"status": "ready", "environment": container.settings.environment}


@router.get("/metrics")
async def metrics(request: Request) -> dict[str, int]:
    return {"requests_total": request.app.state.request_counter.value}
