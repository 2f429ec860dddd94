"""Dynamic ad insertion: decide, cap, stitch and record impressions."""
from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass

import aiohttp
from redis.asyncio import Redis
from sqlalchemy.ext.asyncio import AsyncSession

from svc.clients.ad_server import AdDecision, AdServerClient
from svc.db.models import AdCampaign, AdImpression, Episode
from svc.errors import AdServerError
from svc.repositories.payouts import AdRepository

log = logging.getLogger(__name__)

_ACTIVE_CAMPAIGNS: list[AdCampaign] = []
CAP_WINDOW_SECONDS = 86_400
STITCH_CHUNK = 64 * 1024


@dataclass(slots=True)
class StitchPlan:
    episode_id: int
    segments: list[str]
    decisions: list[AdDecision]


async def refresh_campaigns(session: AsyncSession) -> int:
    campaigns = await AdRepository(session).active_campaigns()
    _ACTIVE_CAMPAIGNS.clear()
    _ACTIVE_CAMPAIGNS.extend(campaigns)
    return len(_ACTIVE_CAMPAIGNS)


def campaign_by_id(campaign_id: int) -> AdCampaign | None:
    for campaign in _ACTIVE_CAMPAIGNS:
        if campaign.id == campaign_id:
            return campaign
    return None


class AdInsertionService:
    def __init__(self, session: AsyncSession, redis: Redis, ads: AdServerClient) -> None:
        self._repo = AdRepository(session)
        self._session = session
        self._redis = redis
        self._ads = ads

    async def _under_daily_cap(self, campaign: AdCampaign) -> bool:
        key = f"adcap:{campaign.id}:{dt.date.today().isoformat()}"
        served = await self._redis.get(key)
        served = int(served or 0)
        if served >= campaign.daily_cap:
            return False
        await self._redis.set(key, served + 1, ex=CAP_WINDOW_SECONDS)
        return True

    async def _under_listener_cap(self, listener_key: str, campaign_id: int) -> bool:
        key = f"adfreq:{listener_key}:{campaign_id}"
        async with self._redis.pipeline(transaction=True) as pipe:
            pipe.incr(key)
            pipe.expire(key, CAP_WINDOW_SECONDS, nx=True)
            seen, _ = await pipe.execute()
        return int(seen) <= 3

    async def plan(self, episode: Episode, source_url: str, listener_key: str, country: str | None) -> StitchPlan:
        slots = [s for s in (episode.ad_slots or "").split(",") if s and s != "bonus"]
        if not slots:
            return StitchPlan(episode.id, [source_url], [])
        try:
            decisions = await self._ads.decide(episode.id, slots, country)
        except (AdServerError, aiohttp.ClientError, TimeoutError) as exc:
            log.warning("ad decision failed for episode %s, serving without ads: %s", episode.id, exc)
            return StitchPlan(episode.id, [source_url], [])

        accepted: list[AdDecision] = []
        for decision in decisions:
            campaign = campaign_by_id(decision.campaign_id)
            if campaign is None:
                continue
            if not await self._under_listener_cap(listener_key, campaign.id):
                continue
            if await self._under_daily_cap(campaign):
                accepted.append(decision)
        segments = self._interleave(source_url, accepted)
        return StitchPlan(episode.id, segments, accepted)

    @staticmethod
    def _interleave(source_url: str, decisions: list[AdDecision]) -> list[str]:
        pre = [d.creative_url for d in decisions if d.slot == "pre"]
        mid = [d.creative_url for d in decisions if d.slot == "mid"]
        post = [d.creative_url for d in decisions if d.slot == "post"]
        return [*pre, source_url, *mid, *post] if not mid else [*pre, source_url, *mid, source_url + "#t=mid", *post]

    async def record(self, plan: StitchPlan) -> None:
        if not plan.decisions:
            return
        today = dt.date.today()
        impressions = [
            AdImpression(campaign_id=d.campaign_id, episode_id=plan.episode_id, day=today, revenue_cents=d.price_cents // 1000)
            for d in plan.decisions
        ]
        await self._repo.record_impressions(impressions)
        await self._session.commit()
        await self._ads.report_impressions(
            [{"campaign_id": d.campaign_id, "episode_id": plan.episode_id} for d in plan.decisions]
        )


async def stitch(http: aiohttp.ClientSession, segments: list[str]) -> bytes:
    stitched = b""
    timeout = aiohttp.ClientTimeout(total=120, sock_read=15)
    for url in segments:
        async with http.get(url, timeout=timeout) as resp:
            resp.raise_for_status()
            async for chunk in resp.content.iter_chunked(STITCH_CHUNK):
                stitched = stitched + chunk
    return stitched
