from __future__ import annotations

import datetime as dt

from redis.asyncio import Redis
from sqlalchemy import select, update

from ..db import SessionLocal
from ..models import CalendarSlot, SlotStatus
from ..observability import get_logger

log = get_logger(__name__)

LOCK_KEY = "lock:hold-reaper"


class HoldReaper:
    """Returns slots left in HELD status (e.g. by a crashed booking) to the open pool."""

    def __init__(self, redis: Redis, grace: dt.timedelta = dt.timedelta(minutes=10)) -> None:
        self.redis = redis
        self.grace = grace

    async def run_once(self) -> int:
        token = await self.redis.set(LOCK_KEY, "1", nx=True, ex=120)
        if not token:
            return 0
        try:
            async with SessionLocal() as session:
                stale_before = utcnow() + self.grace
                rows = (
                    await session.execute(
                        select(CalendarSlot.id)
                        .where(CalendarSlot.status == SlotStatus.HELD)
                        .where(CalendarSlot.starts_at > stale_before)
                    )
                ).scalars().all()
                keys = [f"hold:slot:{slot_id}" for slot_id in rows]
                live = await self.redis.mget(keys) if keys else []
                expired = [slot_id for slot_id, holder in zip(rows, live) if holder is None]
                if expired:
                    await session.execute(
                        update(CalendarSlot).where(CalendarSlot.id.in_(expired)).values(status=SlotStatus.OPEN)
                    )
                    await session.commit()
                log.info("holds_reaped", count=len(expired))
                return len(expired)
        finally:
            await self.redis.delete(LOCK_KEY)
