"""Probes whose checks are defined inline and run in a loop."""
import asyncio

from fastapi import APIRouter, Response, status
from sqlalchemy import text

from clinic.db import cache, engine

router = APIRouter(tags=["ops"])


@router.get("/readyz")
async def readyz(response: Response) -> dict[str, str]:
    """Each dependency is probed by a nested coroutine; any failure answers 503."""
    results: dict[str, str] = {}

    async def database() -> None:
        async with engine.connect() as conn:
            await conn.execute(text("SELECT 1"))

    async def redis_ping() -> None:
        await cache.ping()

    for name, probe in (("database", database), ("redis", redis_ping)):
        try:
            await asyncio.wait_for(probe(), timeout=2)
            results[name] = "ok"
        except Exception as exc:
            results[name] = f"failed: {type(exc).__name__}"
    if any(v != "ok" for v in results.values()):
        response.status_code = status.HTTP_503_SERVICE_UNAVAILABLE
    return results


@router.get("/status")
async def service_status() -> dict[str, str]:
    """Nested helpers that only describe the build check nothing."""

    def version() -> str:
        return "2.4.1"

    async def uptime() -> str:
        return "up"

    return {"version": version(), "uptime": await uptime()}  # expect: health-check-gap
