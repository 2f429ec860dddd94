from __future__ import annotations

import asyncio
import logging

from sqlalchemy import text
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from glide import __version__
from glide.api.deps import container

log = logging.getLogger(__name__)


async def live(request: Request) -> JSONResponse:
    return JSONResponse({"status": "alive", "version": __version__})


async def ready(request: Request) -> JSONResponse:
    c = container(request)
    checks = {"geofence": c.geofence.inside_boundary(0.0, 0.0) is not None, "writer": True}
    return JSONResponse({"status": "ready", "checks": checks})


async def deep(request: Request) -> JSONResponse:
    c = container(request)
    results: dict[str, str] = {}

    async def db() -> None:
        async with c.engine.connect() as conn:
            await conn.execute(text("SELECT 1"))

    for name, check in (("db", db), ("redis", c.redis.ping)):
        try:
            await asyncio.wait_for(check(), timeout=2)
            results[name] = "ok"
        except Exception as exc:
            log.warning("health check %s failed: %s", name, exc)
            results[name] = "fail"
    ok = all(v == "ok" for v in results.values())
    return JSONResponse({"status": "ok" if ok else "degraded", "checks": results}, status_code=200 if ok else 503)


async def info(request: Request) -> JSONResponse:
    c = container(request)
    return JSONResponse(
        {
            "version": __version__,
            "environment": c.settings.environment,
            "map_clients": c.map_hub.client_count,
            "breakers": [c.bridge.breaker.snapshot()],
        }
    )


routes = [
    Route("/health/info", info, methods=["GET"]),
    Route("/health/live", live, methods=["GET"]),
    Route("/health/ready", ready, methods=["GET"]),
    Route("/health/deep", deep, methods=["GET"]),
]
