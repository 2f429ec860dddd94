from __future__ import annotations

import asyncio
import json
import logging
from pathlib import Path

import redis.asyncio as redis

from stacks.cache.availability import AvailabilityCache
from stacks.clients.distributor import DistributorClient
from stacks.errors import NotFound
from stacks.repositories.catalogue import CatalogueRepository
from stacks.repositories.holdings import HoldingRepository
from stacks.repositories.licences import LicenceRepository
from stacks.services.covers import cover_summary
from stacks.settings import Settings
from stacks.utils.breaker import CircuitBreaker, CircuitOpen

log = logging.getLogger(__name__)


class CatalogueService:
    def __init__(
        self,
        settings: Settings,
        catalogue: CatalogueRepository,
        holdings: HoldingRepository,
        licences: LicenceRepository,
        availability: AvailabilityCache,
        distributor: DistributorClient,
        redis_client: redis.Redis,
        breaker: CircuitBreaker,
    ) -> None:
        self._settings = settings
        self._catalogue = catalogue
        self._holdings = holdings
        self._licences = licences
        self._availability = availability
        self._distributor = distributor
        self._redis = redis_client
        self._breaker = breaker

    async def title_detail(self, title_id: int) -> dict:
        title = await self._catalogue.get_title(title_id)
        if title is None:
            raise NotFound("title not found")
        covers = cover_summary(self._settings.cover_dir, title.isbn) if title.isbn else None
        return {"id": title.id, "title": title.title, "author": title.author, "format": title.format, "cover": covers}

    async def title_blurb(self, title_id: int) -> str:
        title = await self._catalogue.get_title(title_id)
        if title is None or not title.isbn:
            return ""
        path = Path(self._settings.cover_dir) / "blurbs" / f"{title.isbn}.txt"
        if not await asyncio.to_thread(path.exists):
            return ""
        return await asyncio.to_thread(path.read_text, encoding="utf-8")

    async def branch_availability(self, title_id: int, branch_id: int) -> dict:
        cached = await self._availability.get(title_id, branch_id)
        if cached is not None:
            return cached
        counts = await self._holdings.counts_by_branch(title_id)
        value = {"title_id": title_id, "branch_id": branch_id, "on_shelf": counts.get(branch_id, 0)}
        await self._availability.put(title_id, branch_id, value)
        return value

    async def shelf_summary(self, title_id: int, branch_id: int) -> dict:
        key = f"shelf:{title_id}"
        cached = await self._redis.get(key)
        if cached:
            return json.loads(cached)
        counts = await self._holdings.counts_by_branch(title_id)
        summary = {"here": counts.get(branch_id, 0), "elsewhere": sum(counts.values()) - counts.get(branch_id, 0)}
        await self._redis.set(key, json.dumps(summary), ex=300)
        return summary

    async def digital_availability(self, title_id: int) -> dict:
        licences = await self._licences.for_title(title_id)
        if not licences:
            return {"title_id": title_id, "digital": False}
        statuses = await self._distributor.get_licences([l.external_id for l in licences])
        free = sum(max(0, s.concurrent_cap - s.in_use) for s in statuses)
        return {"title_id": title_id, "digital": True, "available_copies": free}

    async def digital_availability_guarded(self, title_id: int) -> dict:
        try:
            self._breaker.before_call()
            summary = await self.digital_availability(title_id)
            self._breaker.record_success()
        except CircuitOpen:
            summary = None
        except Exception:
            self._breaker.record_failure()
            log.warning("distributor availability failed for title %s", title_id, exc_info=True)
            summary = None
        if summary is None:
            stale = await self._availability.digital_summary(title_id)
            return stale or {"title_id": title_id, "digital": True, "available_copies": None, "stale": True}
        await self._availability.put_digital_summary(title_id, summary)
        return summary
