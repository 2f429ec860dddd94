"""Probes: liveness says the process answers; readiness should say it can serve."""
import time

from fastapi import APIRouter, Depends

_STARTED = time.monotonic()

router = APIRouter(tags=["ops"])


@router.get("/health/live")
async def live() -> dict[str, str]:
    """Liveness: the event loop answers. Restarting the pod would not fix a database outage."""
    return {"status": "ok"}


@router.get("/health/ready")
async def ready() -> dict[str, str]:
    """Readiness probe the load balancer uses before routing traffic here."""
    return {"status": "ready"}  # expect: health-check-gap


def current_admin() -> dict[str, str]:
    return {"role": "admin"}


@router.get("/system/status")
async def system_status(admin: dict = Depends(current_admin)) -> dict[str, float]:
    """Uptime for the operators' dashboard: it takes a signed-in admin, no probe calls it."""
    return {"uptime_seconds": time.monotonic() - _STARTED}
