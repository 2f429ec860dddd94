from __future__ import annotations

from fastapi import APIRouter, Depends

from ..web import state

router = APIRouter(prefix="/health", tags=["health"])


@router.get("/live")
async def live() -> dict[str, str]:
    return {"status": "alive"}


@router.get("/ready")
async def ready(app_state=Depends(state)) -> dict[str, str]:
    return {"status": "ready"}


@router.get("/workers")
async def workers(app_state=Depends(state)) -> dict[str, str]:
    return {name: ("running" if not task.done() else "stopped") for name, task in app_state.worker_tasks.items()}
