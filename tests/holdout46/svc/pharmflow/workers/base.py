"""Supervision helpers for long-running background loops."""
from __future__ import annotations

import asyncio
import logging
import random
from collections.abc import Awaitable, Callable

log = logging.getLogger(__name__)


async def supervised(name: str, tick: Callable[[], Awaitable[None]], interval: float, *, max_backoff: float = 300.0) -> None:
    """Run ``tick`` every ``interval`` seconds; failures back off exponentially instead of killing the loop."""
    failures = 0
    while True:
        try:
            await tick()
            failures = 0
            delay = interval
        except asyncio.CancelledError:
            raise
        except Exception:
            failures += 1
            delay = min(max_backoff, interval * 2 ** min(failures, 8)) + random.uniform(0, 1)
            log.exception("%s failed (%d in a row); next attempt in %.0fs", name, failures, delay)
        await asyncio.sleep(delay)


async def acquire_job_lock(conn, name: str, ttl_seconds: int) -> str | None:
    """Cluster-wide lock for singleton jobs; returns the token to release with, or None."""
    import secrets

    token = secrets.token_hex(8)
    ok = await conn.set(f"joblock:{name}", token, nx=True, ex=ttl_seconds)
    return token if ok else None


_RELEASE = """
if redis.call('get', KEYS[1]) == ARGV[1] then
    return redis.call('del', KEYS[1])
end
return 0
"""


async def release_job_lock(conn, name: str, token: str) -> None:
    await conn.eval(_RELEASE, 1, f"joblock:{name}", token)
