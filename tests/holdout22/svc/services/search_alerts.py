"""Saved searches and alert matching for newly published listings."""
from __future__ import annotations

import asyncio
from collections import defaultdict
from datetime import datetime, timezone
from decimal import Decimal
import logging
from typing import Any
from uuid import UUID

import asyncpg
import httpx

from svc.clients.internal import Notifier
from svc.db.engine import connection, db
from svc.errors import Conflict

log = logging.getLogger(__name__)

MAX_SAVED_SEARCHES = 25


def matches(criteria: dict[str, Any], listing: asyncpg.Record) -> bool:
    if (city := criteria.get("city")) and listing["city"].lower() != city.lower():
        return False
    if (min_beds := criteria.get("min_bedrooms")) and listing["bedrooms"] < int(min_beds):
        return False
    if (max_rent := criteria.get("max_rent")) and listing["monthly_rent"] > Decimal(str(max_rent)):
        return False
    return True


async def save_search(user_id: UUID, criteria: dict[str, Any], frequency: str) -> int:
    async with connection() as conn:
        async with conn.transaction():
            await conn.execute("SELECT pg_advisory_xact_lock(hashtext($1::text))", str(user_id))
            count = await conn.fetchval("SELECT count(*) FROM saved_searches WHERE user_id = $1", user_id)
            if count >= MAX_SAVED_SEARCHES:
                raise Conflict("saved search limit reached")
            return await conn.fetchval(
                "INSERT INTO saved_searches (user_id, criteria, alert_frequency) VALUES ($1, $2::jsonb, $3) RETURNING id",
                user_id, criteria, frequency,
            )


async def searches_for_user(user_id: UUID) -> list[asyncpg.Record]:
    async with connection() as conn:
        return await conn.fetch("SELECT id, criteria, alert_frequency FROM saved_searches WHERE user_id = $1 ORDER BY id", user_id)


async def delete_search(user_id: UUID, search_id: int) -> bool:
    async with connection() as conn:
        result = await conn.execute("DELETE FROM saved_searches WHERE id = $1 AND user_id = $2", search_id, user_id)
    return result == "DELETE 1"


class AlertMatcher:
    def __init__(self, notifier: Notifier, max_parallel_sends: int = 20) -> None:
        self._notifier = notifier
        self._send_slots = asyncio.Semaphore(max_parallel_sends)

    async def _load(self, frequency: str, since: datetime) -> tuple[list[asyncpg.Record], list[asyncpg.Record]]:
        async with db.ready.acquire() as conn:
            searches = await conn.fetch("SELECT id, user_id, criteria FROM saved_searches WHERE alert_frequency = $1", frequency)
            listings = await conn.fetch(
                "SELECT id, city, bedrooms, monthly_rent FROM listings WHERE status = 'available' AND created_at > $1",
                since,
            )
        return searches, listings

    def _match(self, searches: list[asyncpg.Record], listings: list[asyncpg.Record]) -> dict[int, list[int]]:
        hits: dict[int, list[int]] = defaultdict(list)
        for search in searches:
            for listing in listings:
                if matches(search["criteria"], listing):
                    hits[search["id"]].append(listing["id"])
        return hits

    async def run_once(self, frequency: str) -> int:
        since = datetime.now(timezone.utc) - timedelta(days=1 if frequency == "daily" else 7)
        searches, listings = await self._load(frequency, since)
        if not listings:
            return 0
        owner = {s["id"]: str(s["user_id"]) for s in searches}
        hits = self._match(searches, listings)
        await asyncio.gather(*(self._notify(owner[search_id], listing_ids) for search_id, listing_ids in hits.items()))
        await self._mark_alerted(list(hits))
        return len(hits)

    async def run_instant(self, listing: asyncpg.Record, searches: list[asyncpg.Record]) -> int:
        targets = [s for s in searches if matches(s["criteria"], listing)]
        await asyncio.gather(*(self._notify_bounded(str(s["user_id"]), [listing["id"]]) for s in targets))
        return len(targets)

    async def _notify(self, user_id: str, listing_ids: list[int]) -> None:
        try:
            await self._notifier.send_listing_alert(user_id, listing_ids)
        except httpx.HTTPError:
            pass

    async def _notify_bounded(self, user_id: str, listing_ids: list[int]) -> None:
        async with self._send_slots:
            try:
                await self._notifier.send_listing_alert(user_id, listing_ids)
            except Exception:
                log.exception("alert delivery failed for user %s", user_id)

    async def _mark_alerted(self, search_ids: list[int]) -> None:
        async with db.ready.acquire(timeout=5.0) as conn:
            for search_id in search_ids:
                await conn.execute("UPDATE saved_searches SET last_alerted_at = now() WHERE id = $1", search_id)
