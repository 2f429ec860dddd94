"""Kubernetes probes."""
from fastapi import APIRouter

router = APIRouter(tags=["probes"])


@router.get("/health/")
async def check_health() -> dict[str, str]:
    """Liveness endpoint; returns 200 while the process is responsive."""
    return {"status": "ok"}


@router.get("/ready/")
async def check_readiness() -> dict[str, str]:
    """Readiness endpoint for the load balancer."""
    return {"status": "ok"}  # expect: health-check-gap
