"""Periodic jobs started with the app in every replica."""
import asyncio
import logging

from redis.exceptions import RedisError

from jobs.leases import payout_lease, sweep_lease

log = logging.getLogger(__name__)


async def run_payouts() -> None:
    """A crash guard around the whole round: with the lease store down, no replica pays out."""
    while True:
        try:
            async with payout_lease(ttl_ms=55_000) as leader:
                if leader:
                    log.info("paying out")
        except Exception:
            log.exception("payout round failed; retrying next round")
        await asyncio.sleep(60)


async def run_sweeper() -> None:
    """The store's own failures are a chosen outcome: the sweep is skipped, nothing else."""
    while True:
        try:
            async with sweep_lease(ttl_ms=55_000) as leader:
                if leader:
                    log.info("sweeping")
        except RedisError:
            log.warning("scratch store unavailable, skipping this sweep")
        await asyncio.sleep(60)
