"""Leases that keep a periodic job to one replica at a time."""
import secrets
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from jobs.stores import lease_redis, scratch_redis

_RELEASE = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) end return 0"


@asynccontextmanager
async def payout_lease(ttl_ms: int) -> AsyncIterator[bool]:
    token = secrets.token_hex(16)
    held = bool(await lease_redis.set("lease:payouts", token, nx=True, px=ttl_ms))
    try:
        yield held
    finally:
        if held:
            await lease_redis.eval(_RELEASE, 1, "lease:payouts", token)


@asynccontextmanager
async def sweep_lease(ttl_ms: int) -> AsyncIterator[bool]:
    token = secrets.token_hex(16)
    held = bool(await scratch_redis.set("lease:sweep", token, nx=True, px=ttl_ms))
    try:
        yield held
    finally:
        if held:
            await scratch_redis.eval(_RELEASE, 1, "lease:sweep", token)
