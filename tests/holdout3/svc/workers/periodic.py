"""Helpers for long-running loops inside the API process."""
from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable

from redis.asyncio import Redis
from redis.exceptions import LockError

log = logging.getLogger(__name__)


async def supervise(name: str, factory: Callable[[], Awaitable[None]]) -> None:
    """Keep a background coroutine running, restarting it if it crashes."""
    while True:
        try:
            await factory()
        except asyncio.CancelledError:
            raise
        except Exception:
            log.exception("%s crashed; restarting", name)
        else:
            log.warning("%s returned; restarting", name)


async def run_payout_scheduler(
    redis: Redis,
    run_batch: Callable[[], Awaitable[int]],
    stop: asyncio.Event,
    *,
    interval: float = 60.0,
    lease: float = 600.0,
) -> None:
    """Run the payout batch every `interval` seconds on exactly one replica.

    The Redis lock is the leader lease: replicas that cannot take it skip the round.
    """
    while not stop.is_set():
        try:
            lock = redis.lock("locks:payout-scheduler", timeout=lease, blocking=False)
            if await lock.acquire():
                try:
                    sent = await run_batch()
                    if sent:
                        log.info("payout batch sent %d transfers", sent)
                finally:
                    with contextlib.suppress(LockError):
                        await lock.release()
        except asyncio.CancelledError:
            raise
        except Exception:
            log.exception("payout scheduler round failed")
        with contextlib.suppress(asyncio.TimeoutError):
            await asyncio.wait_for(stop.wait(), timeout=interval)
