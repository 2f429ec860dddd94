"""Lookups of an aviary registry: a missing ring is a domain error."""
from __future__ import annotations

import asyncpg


class RingNotFound(LookupError):
    pass


async def get_ring(pool: asyncpg.Pool, ring: str) -> dict:
    row = await pool.fetchrow("SELECT * FROM rings WHERE code = $1", ring)
    if row is None:
        raise RingNotFound(ring)
    return row
