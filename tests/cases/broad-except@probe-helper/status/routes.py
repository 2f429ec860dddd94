"""Dependency probes and a report endpoint, each with a nested helper catching everything."""
import asyncio

from fastapi import APIRouter
from fastapi.responses import JSONResponse

router = APIRouter()


@router.get("/ready/deps")
async def dependencies(db, cache) -> JSONResponse:
    results: dict[str, str] = {}

    async def check(name: str, probe) -> None:
        try:
            await asyncio.wait_for(probe(), timeout=2.0)
            results[name] = "ok"
        except Exception as exc:
            results[name] = f"error: {type(exc).__name__}"

    await asyncio.gather(check("db", db.ping), check("cache", cache.ping))
    healthy = all(value == "ok" for value in results.values())
    return JSONResponse(status_code=200 if healthy else 503, content=results)


@router.get("/reports/daily")
async def daily_report(db, cache) -> JSONResponse:
    sections: dict[str, str] = {}

    async def load(name: str, query) -> None:
        try:
            sections[name] = await query()
        except Exception as exc:  # expect: broad-except
            sections[name] = f"error: {type(exc).__name__}"

    await asyncio.gather(load("orders", db.orders_today), load("refunds", db.refunds_today))
    return JSONResponse(content=sections)
