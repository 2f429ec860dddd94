"""Advertiser-facing reports: spend summaries, breakdowns and click attribution."""
from __future__ import annotations

import asyncio
import json
import logging
from datetime import date, datetime

import pandas as pd
from redis.asyncio import Redis
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker, create_async_engine

from adbid.cache.local import LocalTTLCache
from adbid.config import Settings
from adbid.db.models import Advertiser
from adbid.repositories.campaigns import CampaignRepository
from adbid.repositories.events import EventsRepository
from adbid.utils.primitives import from_micros
from adbid.utils.timeutil import day_bounds

log = logging.getLogger(__name__)

REPORT_TTL_S = 300

_creative_results: LocalTTLCache[list[dict]] = LocalTTLCache(maxsize=512, ttl=120)


class ReportingService:
    def __init__(self, settings: Settings, session: AsyncSession, events: EventsRepository, redis: Redis) -> None:
        self._settings = settings
        self._campaigns = CampaignRepository(session)
        self._events = events
        self._redis = redis

    async def ensure_owned(self, advertiser: Advertiser, campaign_id: int) -> bool:
        campaign = await self._campaigns.get(campaign_id)
        return campaign is not None and campaign.advertiser_id == advertiser.id

    async def owned_subset(self, advertiser: Advertiser, campaign_ids: list[int]) -> set[int]:
        owned = {c.id for c in await self._campaigns.list_for_advertiser(advertiser.id)}
        return owned.intersection(campaign_ids)

    def _window(self, start: date, end: date) -> tuple[datetime, datetime]:
        return day_bounds(start)[0], day_bounds(end)[1]

    async def summary(self, advertiser: Advertiser, start: date, end: date) -> dict:
        cache_key = f"report:summary:{advertiser.id}"
        cached = await self._redis.get(cache_key)
        if cached:
            return json.loads(cached)
        lo, hi = self._window(start, end)
        rows = []
        for campaign in await self._campaigns.list_for_advertiser(advertiser.id):
            totals = await self._events.totals_for_campaign(campaign.id, lo, hi)
            rows.append({"campaign_id": campaign.id, "name": campaign.name, **totals})
        result = {
            "advertiser_id": advertiser.id,
            "start": start.isoformat(),
            "end": end.isoformat(),
            "campaigns": rows,
            "spend": str(from_micros(sum(r["spend_micros"] for r in rows))),
        }
        await self._redis.set(cache_key, json.dumps(result), ex=REPORT_TTL_S)
        return result

    async def breakdown(self, advertiser: Advertiser, start: date, end: date) -> list[dict]:
        cache_key = f"report:breakdown:{advertiser.id}:{start.isoformat()}:{end.isoformat()}"
        cached = await self._redis.get(cache_key)
        if cached:
            return json.loads(cached)
        lo, hi = self._window(start, end)
        campaigns = await self._campaigns.list_for_advertiser(advertiser.id)
        totals = await self._events.totals_for_campaigns([c.id for c in campaigns], lo, hi)
        rows = [
            {"campaign_id": c.id, "name": c.name, **totals.get(c.id, {"impressions": 0, "spend_micros": 0})}
            for c in campaigns
        ]
        await self._redis.set(cache_key, json.dumps(rows), ex=REPORT_TTL_S)
        return rows

    async def hourly_curve(self, campaign_id: int, start: date, end: date) -> list[dict]:
        lo, hi = self._window(start, end)
        records = await self._events.impressions_between(campaign_id, lo, hi)
        frame = pd.DataFrame([dict(r) for r in records])
        if frame.empty:
            return []
        frame["hour"] = pd.to_datetime(frame["occurred_at"]).dt.floor("h")
        grouped = frame.groupby("hour").agg(impressions=("impression_id", "count"), spend=("price_micros", "sum"))
        return [{"hour": h.isoformat(), **vals} for h, vals in grouped.to_dict("index").items()]

    @staticmethod
    def _creative_frame(records: list[dict]) -> list[dict]:
        frame = pd.DataFrame(records)
        if frame.empty:
            return []
        grouped = frame.groupby("creative_id").agg(impressions=("impression_id", "count"),
                                                   spend=("price_micros", "sum"))
        return grouped.reset_index().to_dict("records")

    async def creative_breakdown(self, campaign_id: int, start: date, end: date) -> list[dict]:
        key = (campaign_id, start, end)
        cached = _creative_results.get(key)
        if cached is not None:
            return cached
        lo, hi = self._window(start, end)
        records = [dict(r) for r in await self._events.impressions_between(campaign_id, lo, hi)]
        rows = await asyncio.to_thread(self._creative_frame, records)
        _creative_results.set(key, rows)
        return rows

    async def click_attribution(self, campaign_id: int, start: date, end: date) -> list[dict]:
        lo, hi = self._window(start, end)
        impressions = await self._events.impressions_between(campaign_id, lo, hi)
        clicks = await self._events.clicks_between(campaign_id, lo, hi)
        attributed = []
        for click in clicks:
            for imp in impressions:
                if imp["impression_id"] == click["impression_id"]:
                    attributed.append({
                        "click_id": click["id"],
                        "creative_id": imp["creative_id"],
                        "latency_s": (click["occurred_at"] - imp["occurred_at"]).total_seconds(),
                    })
                    break
        return attributed

    async def replica_campaign_count(self) -> int:
        engine = create_async_engine(self._settings.replica_database_url, pool_size=2)
        session_factory = async_sessionmaker(engine)
        async with session_factory() as session:
            return len(await CampaignRepository(session).list_active())
