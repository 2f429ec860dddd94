"""Probes: liveness says the process answers; readiness should say it can serve."""
from fastapi import APIRouter

router = APIRouter(tags=["ops"])


@router.get("/health/live")
async def live() -> dict[str, str]:
    """Liveness: the event loop answers. Restarting the pod would not fix a database outage."""
    return {"status": "ok"}


@router.get("/health/ready")
async def ready() -> dict[str, str]:
    """Readiness probe the load balancer uses before routing traffic here."""
    return {"status": "ready"}  # expect: health-check-gap
