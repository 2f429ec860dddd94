"""Readiness probes of the depot API."""
from __future__ import annotations

import asyncio

from fastapi import APIRouter, HTTPException

from depot import stores
from depot.checks import check, database_state

router = APIRouter()


@router.get("/ready")
async def ready():
    db_ok, cache_ok = await asyncio.gather(check("db", stores.pool()), check("cache", stores.cache.ping()))
    return {"database": db_ok, "cache": cache_ok}  # expect: health-check-gap


@router.get("/internal/readiness")
async def readiness() -> dict[str, str]:
    return {"database": await database_state()}  # expect: health-check-gap


@router.get("/health/ready")
async def ready_strict():
    db_ok = await check("db", stores.pool())
    cache_ok = await check("cache", stores.cache.ping())
    if not (db_ok and cache_ok):
        raise HTTPException(503, {"database": db_ok, "cache": cache_ok})
    return {"database": db_ok, "cache": cache_ok}
