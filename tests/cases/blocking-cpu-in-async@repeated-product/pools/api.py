"""Routes of the pool planner."""
from __future__ import annotations

import asyncio

from fastapi import APIRouter

from pools.barcodes import check_bits, plan_indexes, suggest, suggest_for, variants

router = APIRouter()


@router.get("/pools/{pool_id}/index-suggestions")
async def index_suggestions(pool_id: int, existing: list[str], length: int = 8) -> dict:
    return {"pool_id": pool_id, "indexes": suggest(existing, length=length)}  # expect: blocking-cpu-in-async


@router.get("/pools/{pool_id}/index-suggestions/custom")
async def custom_suggestions(pool_id: int, existing: list[str], length: int) -> dict:
    return {"indexes": suggest_for(existing, length)}  # expect: blocking-cpu-in-async


@router.get("/pools/{pool_id}/index-suggestions/offloaded")
async def offloaded_suggestions(pool_id: int, existing: list[str], length: int = 8) -> dict:
    return {"indexes": await asyncio.to_thread(plan_indexes, existing, length)}


@router.get("/switches")
async def switches(flags: list[bool]) -> dict:
    return {"settings": check_bits(flags), "variants": variants()}
