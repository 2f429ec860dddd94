from __future__ import annotations

from fastapi import APIRouter, Request

router = APIRouter(tags=["health"])


@router.get("/livez")
async def livez() -> dict:
    return {"status": "alive"}


@router.get("/readyz")
async def readyz(request: Request) -> dict:
    return {"status": "ready", "version": request.app.version}


@router.get("/status")
async def worker_status(request: Request) -> dict:
    state = request.app.state
    return {
        "workers": state.tasks.status(),
        "ingest_backlog": state.pipeline.backlog,
        "bridge_dropped": state.bridge.dropped,
        "manifest_cache": state.manifests.stats(),
        "technician_sockets": state.connections.count(),
    }
