from __future__ import annotations

from datetime import datetime, timedelta, timezone
from decimal import Decimal

import redis.asyncio as redis
from sqlalchemy.ext.asyncio import AsyncSession

from ..cache.pubsub import publish_pipeline_event
from ..models import Application, RateLock
from ..repositories import RateLockRepository
from .errors import Conflict, NotFound
from .locking import SHEET_LOCK, application_lock
from .pricing import PricingService

MAX_EXTENSIONS = 2
EXTENSION_DAYS = 7


class RateLockService:
    def __init__(self, session: AsyncSession, pricing: PricingService, redis_client: redis.Redis) -> None:
        self.session = session
        self.pricing = pricing
        self.redis = redis_client
        self.locks = RateLockRepository(session)

    async def lock_rate(self, app: Application, fico: int, product: str, lock_days: int) -> RateLock:
        async with application_lock(app.id):
            if await self.locks.active_for(app.id) is not None:
                raise Conflict("application already has an active lock")
            async with SHEET_LOCK:
                rows = await self.pricing.quote(app, fico)
            row = next((r for r in rows if r["product"] == product and r["lock_days"] == lock_days), None)
            if row is None:
                raise NotFound("no price for requested product/period")
            quote = await self.pricing.save_quote(app, row, sheet_version="live")
            lock = await self.locks.add(
                RateLock(
                    application_id=app.id,
                    quote_id=quote.id,
                    locked_rate=Decimal(row["rate"]),
                    locked_price=Decimal(row["price"]),
                    lock_days=lock_days,
                    expires_at=datetime.now(timezone.utc) + timedelta(days=lock_days),
                )
            )
            await self.session.commit()
        await publish_pipeline_event(self.redis, app.loan_officer_id, {"type": "locked", "application_id": app.id})
        return lock

    async def extend(self, application_id: int) -> RateLock:
        lock = await self.locks.active_for(application_id)
        if lock is None:
            raise NotFound("no active lock")
        if lock.extension_count >= MAX_EXTENSIONS:
            raise Conflict("maximum extensions reached")
        new_expiry = lock.expires_at + timedelta(days=EXTENSION_DAYS)
        await self.locks.set_extension(lock.id, new_expiry, lock.extension_count + 1)
        await self.session.commit()
        return lock

    async def confirm_for_delivery(self, application_id: int) -> None:
        async with self.session.begin():
            lock = await self.locks.active_for_update(application_id)
            if lock is None:
                raise NotFound("no active lock")
            if lock.expires_at <= datetime.now(timezone.utc):
                raise Conflict("lock expired")
            lock.status = "delivered"
