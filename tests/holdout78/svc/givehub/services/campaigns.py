from __future__ import annotations

import json
import logging
import time

import redis.asyncio as aioredis

from ..cache import JsonCache
from ..clients.charity_apis import CharityRegistryClient
from ..db.connections import PgPool
from ..db.models import Charity
from ..errors import CampaignNotFound, ConflictError, NotFoundError
from ..repositories.campaigns import CampaignRepository
from ..repositories.charities import CharityRepository
from ..repositories.donations import DonationRepository
from ..utils.locks import KeyedLocks

logger = logging.getLogger(__name__)

_TRANSITIONS: dict[str, dict[str, str]] = {
    "draft": {"publish": "live"},
    "live": {"pause": "paused", "close": "closed"},
    "paused": {"resume": "live", "close": "closed"},
}

_FEATURED: list[dict] = []
_FEATURED_AT = 0.0
FEATURED_TTL = 60.0


class CampaignService:
    def __init__(
        self, repo: CampaignRepository, donations: DonationRepository, cache: JsonCache, locks: KeyedLocks
    ) -> None:
        self._repo = repo
        self._donations = donations
        self._cache = cache
        self._locks = locks

    async def get(self, campaign_id: int):
        campaign = await self._repo.get(campaign_id)
        if campaign is None:
            raise CampaignNotFound(f"campaign {campaign_id}")
        return campaign

    async def summary(self, campaign_id: int) -> dict:
        key = f"campaign:summary:{campaign_id}"
        cached = await self._cache.get_json(key)
        if cached is not None:
            return cached
        campaign = await self.get(campaign_id)
        payload = {
            "id": campaign.id,
            "title": campaign.title,
            "goal_cents": campaign.goal_cents,
            "raised_cents": campaign.raised_cents,
            "donor_count": campaign.donor_count,
            "status": campaign.status,
        }
        await self._cache.set_json(key, payload, ttl=30)
        return payload

    async def stats(self, campaign_id: int) -> dict:
        campaign = await self.get(campaign_id)
        key = f"campaign:stats:charity:{campaign.charity_id}"
        cached = await self._cache.get_json(key)
        if cached is not None:
            return cached
        counts = {}
        for status in ("succeeded", "refunded", "failed"):
            counts[status] = await self._donations.count_by_status(campaign_id, status)
        payload = {"campaign_id": campaign_id, "counts": counts, "raised_cents": campaign.raised_cents}
        await self._cache.set_json(key, payload, ttl=120)
        return payload

    async def featured(self) -> list[dict]:
        global _FEATURED_AT
        if _FEATURED and time.monotonic() - _FEATURED_AT < FEATURED_TTL:
            return _FEATURED
        rows = await self._repo.featured()
        _FEATURED[:] = rows
        _FEATURED_AT = time.monotonic()
        return rows

    async def transition(self, campaign_id: int, action: str) -> str:
        campaign = await self.get(campaign_id)
        try:
            new_status = _TRANSITIONS[campaign.status][action]
        except KeyError:
            raise ConflictError(f"cannot {action} a {campaign.status} campaign")
        if not await self._repo.set_status(campaign_id, campaign.status, new_status):
            raise ConflictError(f"campaign {campaign_id} changed state, retry")
        await self._cache.delete(f"campaign:summary:{campaign_id}")
        return new_status

    async def set_goal(self, campaign_id: int, goal_cents: int) -> dict:
        try:
            result = await self._repo.set_goal(campaign_id, goal_cents)
        except LookupError as exc:
            raise CampaignNotFound(f"campaign {campaign_id}") from exc
        await self._cache.delete(f"campaign:summary:{campaign_id}")
        return result

    async def record_offline_donation(self, campaign_id: int, amount_cents: int) -> int:
        """Cheques and cash collections entered by the charity from its dashboard."""
        campaign = await self.get(campaign_id)
        campaign.raised_cents += amount_cents
        campaign.donor_count += 1
        await self._repo.save(campaign)
        await self._cache.delete(f"campaign:summary:{campaign_id}")
        return campaign.raised_cents

    async def move_offline_total(self, source_id: int, target_id: int, amount_cents: int) -> None:
        """Re-attribute an offline total between two campaigns of the same charity."""
        first, second = sorted((source_id, target_id))
        async with self._locks.get(f"campaign:{first}"):
            async with self._locks.get(f"campaign:{second}"):
                await self._repo.add_to_total(source_id, -amount_cents)
                await self._repo.add_to_total(target_id, amount_cents)
        await self._cache.delete(f"campaign:summary:{source_id}", f"campaign:summary:{target_id}")


class CharityService:
    def __init__(
        self,
        repo: CharityRepository,
        campaigns: CampaignRepository,
        registry: CharityRegistryClient,
        redis: aioredis.Redis,
    ) -> None:
        self._repo = repo
        self._campaigns = campaigns
        self._registry = registry
        self._redis = redis

    async def profile(self, slug: str) -> dict:
        cached = await self._redis.get(f"charity:profile:{slug}")
        if cached:
            return json.loads(cached)
        charity = await self._repo.get_by_slug(slug)
        if charity is None:
            raise NotFoundError(f"charity {slug}")
        campaigns = await self._campaigns.list_for_charity(charity.id)
        profile = {
            "id": charity.id,
            "name": charity.name,
            "registration_number": charity.registration_number,
            "verified": charity.verified,
            "campaigns": [{"id": c.id, "title": c.title, "status": c.status} for c in campaigns],
        }
        await self._redis.set(f"charity:profile:{slug}", json.dumps(profile))
        return profile

    async def register(self, name: str, slug: str, registration_number: str) -> Charity:
        record = await self._registry.lookup(registration_number)
        if record is None or record.status != "registered":
            raise ConflictError("charity is not on the public register")
        charity = Charity(name=name, slug=slug, registration_number=registration_number, verified=True)
        return await self._repo.add(charity)

    async def search(self, term: str) -> list[dict]:
        if len(term) < 3:
            return await self._repo.autocomplete(term)
        return await self._repo.search(term)


class ReportService:
    """Ad-hoc reports for the charity dashboard."""

    def __init__(self, pg: PgPool) -> None:
        self._pg = pg

    async def campaign_daily_totals(self, campaign_id: int, days: int = 30) -> list[dict]:
        conn = await self._pg.pool.acquire(timeout=5)
        rows = await conn.fetch(
            "SELECT date_trunc('day', created_at) AS day, sum(amount_cents) AS total, count(*) AS n "
            "FROM donations WHERE campaign_id = $1 AND status = 'succeeded' "
            "AND created_at > now() - make_interval(days => $2) GROUP BY 1 ORDER BY 1",
            campaign_id, days,
        )
        await self._pg.pool.release(conn)
        return [{"day": r["day"].date().isoformat(), "total_cents": r["total"], "count": r["n"]} for r in rows]

    async def charity_totals(self, charity_id: int) -> dict:
        async with self._pg.connection() as conn:
            row = await conn.fetchrow(
                "SELECT coalesce(sum(amount_cents), 0) AS gross, coalesce(sum(fee_cents), 0) AS fees, "
                "count(DISTINCT donor_id) AS donors FROM donations "
                "WHERE charity_id = $1 AND status = 'succeeded'",
                charity_id,
            )
        return {"gross_cents": row["gross"], "fees_cents": row["fees"], "donors": row["donors"]}
