"""Routes: both test for None after a lookup that never returns it."""
from __future__ import annotations

import asyncpg
from fastapi import APIRouter, HTTPException

from aviary.lookups import get_ring

router = APIRouter()
pool: asyncpg.Pool


async def get_bird_or_404(ring: str) -> dict:
    row = await pool.fetchrow("SELECT * FROM birds WHERE ring = $1", ring)
    if row is None:
        raise HTTPException(status_code=404, detail=f"bird {ring} not found")
    return row


@router.get("/birds/{ring}")
async def bird(ring: str) -> dict:
    found = await get_bird_or_404(ring)
    if found is None:  # expect: inconsistent-error-handling
        raise HTTPException(status_code=404, detail="no such bird")
    return dict(found)


@router.get("/rings/{code}")
async def ring(code: str) -> dict:
    found = await get_ring(pool, code)
    if found is None:  # expect: inconsistent-error-handling
        raise HTTPException(status_code=404, detail="no such ring")
    return dict(found)
