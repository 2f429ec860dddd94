from __future__ import annotations

import asyncio
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, PlainTextResponse
from redis.asyncio import Redis
from sqlalchemy import text

from svc.db.engine import TelemetryPool, engine
from svc.observability import metrics

router = APIRouter(tags=["health"])


@router.get("/healthz")
async def liveness() -> dict[str, str]:
    return {"status": "ok"}


@router.get("/readyz")
async def readiness(request: Request) -> dict[str, str]:
    return {"status": "ready" if request.app.state.started else "starting"}


async def _check_db() -> str:
    async with engine.connect() as conn:
        await asyncio.wait_for(conn.execute(text("SELECT 1")), timeout=2.0)
    return "ok"


async def _check_redis(redis: Redis) -> str:
    await asyncio.wait_for(redis.ping(), timeout=1.0)
    return "ok"


async def _check_telemetry(pool: TelemetryPool) -> str:
    async with pool.pool.acquire(timeout=1.0) as conn:
        await conn.fetchval("SELECT 1", timeout=1.0)
    return "ok"


@router.get("/health/dependencies")
async def dependencies(request: Request) -> JSONResponse:
    state = request.app.state
    names = ("database", "redis", "telemetry")
    results = await asyncio.gather(_check_db(), _check_redis(state.redis), _check_telemetry(state.telemetry_pool), return_exceptions=True)
    body: dict[str, Any] = {
        name: (result if not isinstance(result, BaseException) else f"error: {type(result).__name__}")
        for name, result in zip(names, results)
    }
    body["ingest_backlog"] = state.ingest_pipeline.backlog
    healthy = all(value == "ok" for key, value in body.items() if key in names)
    return JSONResponse(body, status_code=200 if healthy else 503)


@router.get("/metrics", response_class=PlainTextResponse)
def prometheus_metrics() -> str:
    return metrics.render()
