"""Background loops that mirror, drain and tally."""
import asyncio
import logging

import aiohttp
from redis.exceptions import RedisError

from mill import store

log = logging.getLogger(__name__)


async def _mirror_session() -> None:
    async with store.session.get("http://upstream.internal/stream") as resp:
        async for chunk in resp.content:
            await store.cache.append("mirror", chunk)


async def mirror_forever() -> None:
    # no pause anywhere: the loop itself is the restart
    while True:  # expect: no-recovery
        try:
            await _mirror_session()
        except (aiohttp.ClientError, RedisError):
            log.warning("mirror dropped, reconnecting")


async def drain_forever() -> None:
    # the handler sends the loop round explicitly
    while True:
        try:
            item = await store.cache.lpop("mill:pending")
            if item:
                await store.pool.execute("INSERT INTO drained (payload) VALUES ($1)", item)
        except Exception:  # expect: no-recovery
            log.exception("drain step failed")
            continue


async def tally_forever() -> None:
    # the pause sits in the try after the call: a failure skips it
    while True:
        try:
            await store.pool.execute("REFRESH MATERIALIZED VIEW tallies")
            await asyncio.sleep(30)
        except asyncpg_errors():  # expect: no-recovery
            log.exception("tally refresh failed")


def asyncpg_errors() -> type[Exception]:
    import asyncpg

    return asyncpg.PostgresError


async def mirror_patiently() -> None:
    delay = 1.0
    while True:
        try:
            await _mirror_session()
            delay = 1.0
        except (aiohttp.ClientError, RedisError):
            log.warning("mirror dropped, retrying in %.0fs", delay)
            await asyncio.sleep(delay)
            delay = min(delay * 2, 60.0)
