"""Status of each kiln kind the studio knows, and of each firing a client asks about."""
from __future__ import annotations

import asyncpg

from kiln.adapters import ADAPTERS


async def kinds_status(pool: asyncpg.Pool) -> dict[str, int]:
    out = {}
    for kind, _adapter in ADAPTERS.items():
        out[kind] = await pool.fetchval("SELECT count(*) FROM firings WHERE kind = $1", kind)
    return out


async def firings_status(pool: asyncpg.Pool, firing_ids: list[int]) -> dict[int, str]:
    out = {}
    for firing_id in firing_ids:
        out[firing_id] = await pool.fetchval("SELECT state FROM firings WHERE id = $1", firing_id)  # expect: n-plus-one
    return out
