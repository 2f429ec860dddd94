"""Kubernetes probes."""
from __future__ import annotations

from fastapi import APIRouter

router = APIRouter(tags=["health"])


@router.get("/healthz")
async def liveness() -> dict:
    """The process is up and the event loop is responsive."""
    return {"status": "ok"}


@router.get("/readyz")
async def readiness() -> dict:
    """Traffic may be routed to this replica."""
    return {"status": "ready"}
