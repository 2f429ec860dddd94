"""Liveness and readiness probes."""
from __future__ import annotations

from fastapi import APIRouter, Request

router = APIRouter(tags=["health"])


@router.get("/healthz")
async def liveness() -> dict:
    """Liveness: the event loop answers. Dependencies are deliberately not checked here."""
    return {"status": "alive"}


@router.get("/readyz")
async def readiness(request: Request) -> dict:
    """Readiness: used by the load balancer to route floor traffic to this replica."""
    container = getattr(request.app.state, "container", None)
    return {"status": "ready", "version": request.app.version, "wired": container is not None}


@router.get("/version")
async def version(request: Request) -> dict:
    container = getattr(request.app.state, "container", None)
    env = container.settings.environment if container is not None else "unknown"
    return {"name": request.app.title, "version": request.app.version, "environment": env}


@router.get("/metrics/ws")
async def ws_metrics(request: Request) -> dict:
    container = request.app.state.container
    return {"websockets": container.hub.connected()}
