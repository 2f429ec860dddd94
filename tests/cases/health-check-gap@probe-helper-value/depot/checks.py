"""Probe helpers: each turns a failed check into a value instead of an exception."""
from __future__ import annotations

import asyncio
import logging

from depot import stores

log = logging.getLogger(__name__)


async def check(name: str, coro) -> bool:
    try:
        await asyncio.wait_for(coro, timeout=2)
    except Exception:
        log.warning("%s check failed", name, exc_info=True)
        return False
    return True


async def database_state() -> str:
    try:
        conn_pool = await stores.pool()
        await conn_pool.fetchval("SELECT 1")
    except Exception:
        log.error("database unreachable", exc_info=True)
        return "down"
    return "up"
