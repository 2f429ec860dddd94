from __future__ import annotations

from fastapi import APIRouter

from ... import __version__

router = APIRouter(tags=["health"])


@router.get("/health/live")
async def live() -> dict[str, str]:
    # Liveness only says the process is serving; dependencies are readiness' job.
    return {"status": "ok"}


@router.get("/health/ready")
async def ready() -> dict[str, str]:
    return {"status": "ready", "version": __version__}
