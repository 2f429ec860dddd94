"""Liveness, readiness and dependency checks."""
from __future__ import annotations

import asyncio
from pathlib import Path

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from sqlalchemy import text

from .. import __version__
from ..settings import get_settings

router = APIRouter(tags=["health"])


@router.get("/health/live")
async def live() -> dict[str, str]:
    return {"status": "ok"}


@router.get("/health/ready")
async def ready() -> dict[str, str]:
    return {"status": "ready"}


@router.get("/health/deps")
async def dependencies(request: Request) -> JSONResponse:
    state = request.app.state
    checks: dict[str, str] = {}

    async def check(name: str, probe) -> None:
        try:
            await asyncio.wait_for(probe(), timeout=2.0)
            checks[name] = "ok"
        except Exception as exc:
            checks[name] = f"error: {type(exc).__name__}"

    async def database() -> None:
        async with state.container.engine.connect() as conn:
            await conn.execute(text("SELECT 1"))

    await asyncio.gather(
        check("postgres", database),
        check("asyncpg", lambda: state.container.pool.fetchval("SELECT 1")),
        check("redis", state.container.redis.ping),
    )
    healthy = all(value == "ok" for value in checks.values())
    return JSONResponse(status_code=200 if healthy else 503, content={"checks": checks})


@router.get("/version")
async def version() -> dict[str, str]:
    build = await asyncio.to_thread(Path(get_settings().version_file).read_text)
    return {"version": __version__, "build": build.strip()}
