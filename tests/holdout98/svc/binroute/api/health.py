from __future__ import annotations

import socket

from fastapi import APIRouter, Request

router = APIRouter(prefix="/health", tags=["health"])


@router.get("/live")
async def live() -> dict:
    return {"status": "alive"}


@router.get("/ready")
async def ready(request: Request) -> dict:
    container = request.app.state.container
    return {"status": "ready", "replica": socket.gethostname(), "bridge_backlog": container.bridge.depth()}
