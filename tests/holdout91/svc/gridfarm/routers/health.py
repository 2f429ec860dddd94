from __future__ import annotations

from fastapi import APIRouter, Request

from ..services.telemetry_service import INGEST_STATS

router = APIRouter(tags=["health"])


@router.get("/health/live")
async def live():
    return {"status": "ok"}


@router.get("/health/ready")
async def ready(request: Request):
    return {"status": "ready", "consumer": request.app.state.consumer_task is not None}


@router.get("/metrics/ingest")
async def ingest_metrics():
    return dict(INGEST_STATS)
