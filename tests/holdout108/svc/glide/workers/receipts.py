"""Daily ride digest e-mails: python -m glide.workers.receipts"""
from __future__ import annotations

import asyncio
import logging
from collections import defaultdict
from datetime import timedelta

import httpx

from glide.container import Container
from glide.core.locks import LockNotAcquired, RedisLock
from glide.repositories.riders import RiderRepository
from glide.repositories.rides import RideRepository
from glide.utils.values import cents_to_str
from glide.utils.timeutil import utcnow
from glide.workers.common import run_program

log = logging.getLogger(__name__)


async def send_digests(c: Container) -> int:
    since = utcnow() - timedelta(days=1)
    per_rider: dict[str, list[int]] = defaultdict(list)
    emails: dict[str, str] = {}
    async with c.sessions() as session:
        rides = await RideRepository(session).ended_since(since, limit=5000)
        riders = RiderRepository(session)
        for ride in rides:
            rider = await riders.get(ride.rider_id)
            if rider is None:
                continue
            per_rider[str(rider.id)].append(ride.fare_cents or 0)
            emails[str(rider.id)] = rider.email
    sent = 0
    for rider_id, fares in per_rider.items():
        try:
            await c.push.notify(rider_id, "Your rides yesterday", f"{len(fares)} rides, {cents_to_str(sum(fares))}")
            sent += 1
        except httpx.HTTPError:
            log.warning("digest for %s failed", emails.get(rider_id), exc_info=True)
    return sent


async def main(c: Container, stop: asyncio.Event) -> None:
    try:
        async with RedisLock(c.redis, "daily-digest", ttl_ms=3600 * 1000):
            sent = await send_digests(c)
    except LockNotAcquired:
        log.info("digest already running elsewhere")
        return
    log.info("sent %d digests", sent)


if __name__ == "__main__":
    run_program("receipts", main)
