from __future__ import annotations

import asyncio
import json
import logging

import httpx
import redis.asyncio as aioredis
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from ..clients.payments import PaymentsClient
from ..core.errors import NotFound
from ..core.redis import LockNotAcquired, redis_lock
from ..repositories.conferences import ConferenceRepository

log = logging.getLogger(__name__)

_OVERVIEW_TTL = 120
DISPLAY_CURRENCIES = ("USD", "GBP", "JPY")


class ConferenceService:
    def __init__(self, session: AsyncSession, redis: aioredis.Redis, payments: PaymentsClient) -> None:
        self.repo = ConferenceRepository(session)
        self.redis = redis
        self.payments = payments

    async def overview(self, slug: str) -> dict:
        key = f"conf:overview:{slug}"
        cached = await self.redis.get(key)
        if cached:
            return json.loads(cached)
        conf = await self.repo.get_by_slug(slug)
        if conf is None:
            raise NotFound("conference")
        tracks = await self.repo.list_tracks(conf.id)
        data = {
            "id": conf.id,
            "name": conf.name,
            "starts_at": conf.starts_at.isoformat(),
            "tracks": [
                {"id": t.id, "name": t.name, "deadline": t.submission_deadline.isoformat(), "status": t.status}
                for t in tracks
            ],
        }
        await self.redis.set(key, json.dumps(data), ex=_OVERVIEW_TTL)
        return data

    async def prices(self, conference_id: int) -> dict:
        conf = await self.repo.get(conference_id)
        if conf is None:
            raise NotFound("conference")
        rates = await self.payments.exchange_rates(conf.currency)
        return {
            "currency": conf.currency,
            "fee": conf.fee_cents,
            "early_fee": conf.early_fee_cents,
            "approx": {c: round(conf.fee_cents * rates[c]) for c in DISPLAY_CURRENCIES if c in rates},
        }

    async def fee_hint(self, conference_id: int, currency: str) -> int | None:
        conf = await self.repo.get(conference_id)
        if conf is None:
            raise NotFound("conference")
        try:
            rates = await self.payments.exchange_rates(base=conf.currency)
            await self.redis.set(f"fx:{conf.currency}", json.dumps(rates), ex=24 * 3600)
        except httpx.HTTPError as exc:
            log.warning("fx lookup failed, using last known rates: %s", exc)
            cached = await self.redis.get(f"fx:{conf.currency}")
            rates = json.loads(cached) if cached else {}
        rate = rates.get(currency)
        return round(conf.fee_cents * rate) if rate else None



async def close_deadlines_once(sessionmaker: async_sessionmaker[AsyncSession]) -> list[int]:
    async with sessionmaker() as session:
        return await ConferenceRepository(session).close_expired_tracks()


async def close_deadlines_forever(
    redis: aioredis.Redis, sessionmaker: async_sessionmaker[AsyncSession], interval: float = 60.0
) -> None:
    while True:
        try:
            async with redis_lock(redis, "deadline-closer", ttl_ms=int(interval * 900)):
                closed = await close_deadlines_once(sessionmaker)
                if closed:
                    log.info("closed submission for tracks %s", closed)
        except LockNotAcquired:
            log.debug("another replica holds the deadline-closer lock")
        except Exception:
            log.exception("deadline closer iteration failed")
        await asyncio.sleep(interval)
