"""Two-way sync with booking sites through the channel manager."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timezone
from typing import Any

from svc.clients.channel_manager import ChannelManagerClient, fetch_listing_content
from svc.config import settings
from svc.db.models import ChannelListing
from svc.repos.reservations import ReservationRepository

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class ChannelEvent:
    kind: str
    payload: dict[str, Any]
    received_at: datetime


def _respect_rate_limit(headers: Mapping[str, str]) -> None:
    remaining = int(headers.get("X-RateLimit-Remaining", "1"))
    if remaining <= 0:
        time.sleep(float(headers.get("Retry-After", "1")))


def _throttle_after(headers: Mapping[str, str]) -> float:
    if int(headers.get("X-RateLimit-Remaining", "1")) <= 0:
        return float(headers.get("Retry-After", "1"))
    return 0.0


class SyncState:
    """Per-process bookkeeping of what was last pushed for each listing."""

    def __init__(self) -> None:
        self._calendar_lock = asyncio.Lock()
        self._listing_lock = asyncio.Lock()
        self._pushed: dict[str, date] = {}
        self._dirty: set[str] = set()

    async def mark_pushed(self, external_id: str, through: date) -> None:
        async with self._calendar_lock:
            async with self._listing_lock:
                self._pushed[external_id] = through
                self._dirty.discard(external_id)

    async def mark_dirty(self, external_ids: Sequence[str]) -> None:
        async with self._listing_lock:
            stale = [e for e in external_ids if e in self._pushed]
            async with self._calendar_lock:
                for ext in stale:
                    self._pushed.pop(ext, None)
                self._dirty.update(external_ids)


class ChannelSyncService:
    def __init__(self, client: ChannelManagerClient, reservations: ReservationRepository) -> None:
        self._client = client
        self._reservations = reservations
        self._state = SyncState()
        self._push_lock = asyncio.Lock()
        self._stamp_lock = asyncio.Lock()
        self._inbox: asyncio.Queue[ChannelEvent] = asyncio.Queue()
        self._outbox: asyncio.Queue[ChannelEvent] = asyncio.Queue(maxsize=1000)
        self._sem = asyncio.Semaphore(settings.channel_push_concurrency)
        self._last_push_at: dict[str, datetime] = {}

    async def push_listing(self, listing: ChannelListing, calendar: list[dict[str, Any]]) -> None:
        async with self._push_lock:
            headers = await self._client.push_availability(listing.external_id, calendar)
            self._last_push_at[listing.external_id] = datetime.now(timezone.utc)
        _respect_rate_limit(headers)

    async def push_listing_unlocked(self, listing: ChannelListing, calendar: list[dict[str, Any]]) -> None:
        async with self._sem:
            headers = await self._client.push_availability(listing.external_id, calendar)
        async with self._stamp_lock:
            self._last_push_at[listing.external_id] = datetime.now(timezone.utc)
        await self.pace(headers)

    async def push_all(self, listings: Sequence[ChannelListing], calendars: Mapping[int, list[dict[str, Any]]]) -> None:
        await asyncio.gather(*(self.push_listing(l, calendars[l.room_id]) for l in listings))

    async def push_all_bounded(self, listings: Sequence[ChannelListing], calendars: Mapping[int, list[dict[str, Any]]]) -> None:
        await asyncio.gather(*(self.push_listing_unlocked(l, calendars[l.room_id]) for l in listings))

    async def refresh_content(self, listings: Sequence[ChannelListing]) -> list[dict[str, Any]]:
        results = []
        for listing in listings:
            results.append(await fetch_listing_content(listing.external_id))
        return results

    async def ingest_webhook(self, kind: str, payload: dict[str, Any]) -> None:
        await self._inbox.put(ChannelEvent(kind, payload, datetime.now(timezone.utc)))

    async def enqueue_outbound(self, event: ChannelEvent) -> bool:
        try:
            self._outbox.put_nowait(event)
        except asyncio.QueueFull:
            logger.warning("channel outbox full, dropping %s", event.kind)
            return False
        return True

    async def pace(self, headers: Mapping[str, str]) -> None:
        delay = _throttle_after(headers)
        if delay:
            await asyncio.sleep(delay)

    async def drain_inbox(self) -> None:
        while True:
            event = await self._inbox.get()
            try:
                if event.kind == "booking.created":
                    await self._reservations.record_channel_booking(event.payload, event.received_at)
            except Exception:
                logger.exception("failed to apply channel event %s", event.kind)
            finally:
                self._inbox.task_done()
