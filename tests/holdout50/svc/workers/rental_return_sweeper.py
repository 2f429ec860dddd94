from __future__ import annotations

import asyncio
import logging
from datetime import datetime, timezone

from redis.asyncio import Redis
from sqlalchemy.exc import SQLAlchemyError

from ..db.engine import SessionLocal
from ..repos.rental_repo import RentalRepository
from ..utils.locks import counters, redis_lease

log = logging.getLogger(__name__)

SWEEP_INTERVAL_S = 300


class RentalReturnSweeper:
    """Flags overdue rental contracts and keeps the rental counters flushed."""

    def __init__(self, redis: Redis) -> None:
        self._redis = redis

    async def sweep_once(self) -> int:
        flagged = 0
        async with SessionLocal() as session:
            repo = RentalRepository(session)
            overdue = await repo.overdue(datetime.now(timezone.utc))
            for contract in overdue:
                contract.status = "overdue"
                flagged += 1
            try:
                await session.commit()
            except SQLAlchemyError:
                await session.rollback()
                return 0
        return flagged

    async def run(self) -> None:
        while True:
            async with redis_lease(self._redis, "rental-sweeper", ttl_ms=SWEEP_INTERVAL_S * 1000) as leader:
                if leader:
                    count = await self.sweep_once()
                    if count:
                        log.info("flagged overdue rentals", extra={"count": count})
            await counters.flush(self._redis)
            await asyncio.sleep(SWEEP_INTERVAL_S)
