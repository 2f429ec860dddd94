"""Campaign snapshots the bidder reads on every request.

Snapshots are rebuilt from Postgres by the refresher and mirrored into Redis
so that a freshly started replica can serve bids before its first refresh.
"""
from __future__ import annotations

import json
import logging
from dataclasses import asdict, dataclass

from redis.asyncio import Redis

from adbid.db.engine import SessionLocal
from adbid.repositories.campaigns import CampaignRepository

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class CampaignSnapshot:
    id: int
    advertiser_id: int
    daily_budget_micros: int
    max_bid_micros: int
    pacing: str
    countries: tuple[str, ...]
    sizes: tuple[tuple[int, int], ...]
    creative_ids: tuple[int, ...]
    frequency_cap: int
    landing_url: str


def _snapshot(campaign) -> CampaignSnapshot:
    targeting = json.loads(campaign.targeting or "{}")
    return CampaignSnapshot(
        id=campaign.id,
        advertiser_id=campaign.advertiser_id,
        daily_budget_micros=campaign.daily_budget_micros,
        max_bid_micros=campaign.max_bid_micros,
        pacing=campaign.pacing,
        countries=tuple(targeting.get("countries", ())),
        sizes=tuple((c.width, c.height) for c in campaign.creatives),
        creative_ids=tuple(c.id for c in campaign.creatives if c.audit_status == "approved"),
        frequency_cap=int(targeting.get("frequency_cap", 0)),
        landing_url=next((c.landing_url for c in campaign.creatives if c.audit_status == "approved"), ""),
    )


class CampaignCache:
    def __init__(self, redis: Redis) -> None:
        self._redis = redis
        self._by_id: dict[int, CampaignSnapshot] = {}

    def all(self) -> list[CampaignSnapshot]:
        return list(self._by_id.values())

    def get(self, campaign_id: int) -> CampaignSnapshot | None:
        return self._by_id.get(campaign_id)

    def evict(self, campaign_id: int) -> None:
        self._by_id.pop(campaign_id, None)

    async def refresh(self) -> int:
        async with SessionLocal() as session:
            campaigns = await CampaignRepository(session).list_active_with_creatives()
        fresh = {c.id: _snapshot(c) for c in campaigns}
        self._by_id = fresh
        pipe = self._redis.pipeline(transaction=False)
        for snap in fresh.values():
            pipe.set(f"campaign:{snap.id}", json.dumps(asdict(snap)))
        await pipe.execute()
        log.info("campaign cache refreshed: %d active", len(fresh))
        return len(fresh)

    async def warm_from_redis(self) -> int:
        keys = [k async for k in self._redis.scan_iter(match="campaign:*", count=500)]
        if not keys:
            return 0
        values = await self._redis.mget(keys)
        for raw in values:
            if raw is None:
                continue
            data = json.loads(raw)
            data["countries"] = tuple(data["countries"])
            data["sizes"] = tuple(tuple(s) for s in data["sizes"])
            data["creative_ids"] = tuple(data["creative_ids"])
            snap = CampaignSnapshot(**data)
            self._by_id[snap.id] = snap
        return len(self._by_id)
