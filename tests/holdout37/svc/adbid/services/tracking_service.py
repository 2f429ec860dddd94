"""Impression, win and click tracking.

Impressions are appended to a Redis stream and written to Postgres in batches
by the event flusher; clicks are written synchronously because the redirect
depends on the fraud verdict.
"""
from __future__ import annotations

import logging
import uuid
from datetime import datetime

from redis.asyncio import Redis

from adbid.cache.campaign_cache import CampaignCache
from adbid.cache.redis_client import EVENT_STREAM, budget_key
from adbid.config import Settings
from adbid.metrics import CLICKS, IMPRESSIONS
from adbid.repositories.events import EventsRepository
from adbid.services.budget import BudgetService
from adbid.services.fraud import FraudScorer
from adbid.ws.hub import SpendPublisher
from adbid.utils.signing import InvalidToken, verify_token
from adbid.utils.timeutil import utcnow

log = logging.getLogger(__name__)

FRAUD_THRESHOLD = 0.8
CONVERSION_FLUSH_SIZE = 200


class TrackingService:
    def __init__(self, settings: Settings, redis: Redis, events: EventsRepository, budget: BudgetService,
                 fraud: FraudScorer, publisher: SpendPublisher, cache: CampaignCache) -> None:
        self._secret = settings.tracking_secret
        self._redis = redis
        self._events = events
        self._budget = budget
        self._fraud = fraud
        self._publisher = publisher
        self._cache = cache
        self._pending_conversions: list[dict] = []

    def _decode(self, token: str) -> dict:
        return verify_token(token, self._secret)

    async def record_impression(self, token: str, clearing_price_micros: int | None) -> None:
        claims = self._decode(token)
        now = utcnow()
        price = clearing_price_micros if clearing_price_micros is not None else claims["p"]
        await self._redis.xadd(
            EVENT_STREAM,
            {
                "impression_id": claims["i"],
                "request_id": claims["r"],
                "campaign_id": claims["c"],
                "creative_id": claims["cr"],
                "exchange": claims["x"],
                "price_micros": price,
                "occurred_at": now.isoformat(),
            },
            maxlen=2_000_000,
            approximate=True,
        )
        await self._budget.settle(claims["c"], claims["p"], price, now.date())
        IMPRESSIONS.inc()
        await self._bump_live_spend(claims["c"], price, now)

    async def _bump_live_spend(self, campaign_id: int, price_micros: int, now: datetime) -> None:
        key = f"live:{campaign_id}:{now:%Y%m%d%H}"
        pipe = self._redis.pipeline(transaction=False)
        pipe.incrby(key, price_micros)
        pipe.expire(key, 7200)
        pipe.get(budget_key(campaign_id, now.date().isoformat()))
        _, _, spent = await pipe.execute()
        snapshot = self._cache.get(campaign_id)
        if snapshot is not None:
            await self._publisher.publish_spend(snapshot.advertiser_id, campaign_id, int(spent or 0))

    async def record_win(self, token: str) -> None:
        claims = self._decode(token)
        try:
            await self._events.mark_won(claims["r"])
        except Exception:
            pass

    async def record_click(self, token: str, ip: str | None, user_agent: str | None) -> str | None:
        try:
            claims = self._decode(token)
        except InvalidToken:
            CLICKS.labels(verdict="invalid").inc()
            return None
        impression_id = uuid.UUID(claims["i"])
        if await self._events.click_exists_for_impression(impression_id):
            CLICKS.labels(verdict="duplicate").inc()
            return claims.get("l")
        score = await self._fraud.score_click(ip, user_agent)
        await self._events.insert_click(impression_id, claims["c"], ip, user_agent, score)
        verdict = "fraud" if score >= FRAUD_THRESHOLD else "ok"
        CLICKS.labels(verdict=verdict).inc()
        if verdict == "fraud":
            # Invalid traffic is not billed: give the impression price back to today's budget.
            await self._budget.refund(claims["c"], claims["p"], utcnow().date())
            log.info("fraudulent click on impression %s (score %.2f)", impression_id, score)
        counter = f"clicks:{claims['c']}:{utcnow():%Y%m%d}"
        await self._redis.incr(counter)
        self._redis.expire(counter, 172800)
        return claims.get("l")

    async def record_conversion(self, click_id: int, campaign_id: int, value_micros: int) -> None:
        self._pending_conversions.append(
            {"click_id": click_id, "campaign_id": campaign_id, "value_micros": value_micros, "at": utcnow()}
        )
        if len(self._pending_conversions) >= CONVERSION_FLUSH_SIZE:
            batch, self._pending_conversions = self._pending_conversions, []
            await self._write_conversions(batch)

    async def _write_conversions(self, batch: list[dict]) -> None:
        rows = [(c["click_id"], c["campaign_id"], c["value_micros"], c["at"]) for c in batch]
        async with self._events._db.pool.acquire(timeout=5) as conn:
            await conn.executemany(
                "INSERT INTO conversions (click_id, campaign_id, value_micros, occurred_at) VALUES ($1, $2, $3, $4)",
                rows,
            )
