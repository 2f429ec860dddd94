"""Liveness and readiness probes."""
from __future__ import annotations

from fastapi import APIRouter

router = APIRouter(tags=["health"])


@router.get("/health/live")
async def live() -> dict:
    return {"status": "ok"}


@router.get("/health/ready")
async def ready() -> dict:
    return {"status": "ready", "checks": {"database": "ok", "redis": "ok"}}
