from __future__ import annotations

import asyncio

from litestar import Controller, Response, get
from litestar.datastructures import State
from sqlalchemy import text

from judgehall import __version__


class HealthController(Controller):
    path = "/health"
    include_in_schema = False

    @get("/live")
    async def live(self) -> dict:
        return {"status": "ok"}

    @get("/ready")
    async def ready(self, state: State) -> dict:
        return {"status": "ready", "version": __version__}

    @get("/deps")
    async def dependencies(self, state: State) -> Response:
        checks: dict[str, str] = {}
        try:
            async with state.engine.connect() as conn:
                await asyncio.wait_for(conn.execute(text("SELECT 1")), timeout=2.0)
            checks["database"] = "ok"
        except (asyncio.TimeoutError, OSError, Exception) as exc:
            checks["database"] = f"error: {type(exc).__name__}"
        try:
            await asyncio.wait_for(state.redis.ping(), timeout=1.0)
            checks["redis"] = "ok"
        except (asyncio.TimeoutError, OSError, Exception) as exc:
            checks["redis"] = f"error: {type(exc).__name__}"
        healthy = all(v == "ok" for v in checks.values())
        return Response({"status": "ok" if healthy else "degraded", "checks": checks}, status_code=200 if healthy else 503)
