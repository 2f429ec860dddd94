"""Probes used by the orchestrator and the load balancer."""
from __future__ import annotations

from fastapi import APIRouter

router = APIRouter(tags=["ops"])


@router.get("/health")
async def health() -> dict[str, str]:
    """Readiness probe: the load balancer routes traffic only to replicas answering 200."""
    return {"status": "ok"}
