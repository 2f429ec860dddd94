from __future__ import annotations

from fastapi import APIRouter, Depends

from telco.container import Container
from telco.deps import get_container

router = APIRouter(tags=["health"])


@router.get("/healthz")
async def liveness() -> dict:
    # liveness only: the process is up and the loop is serving
    return {"status": "ok"}


@router.get("/readyz")
async def readiness(container: Container = Depends(get_container)) -> dict:
    return {"status": "ready", "noc_clients": container.noc_hub.size}
