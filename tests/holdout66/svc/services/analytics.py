"""Download / listen event ingestion and creator-facing analytics queries."""
from __future__ import annotations

import asyncio
import datetime as dt
import logging
from collections import defaultdict
from dataclasses import dataclass

from svc.config import settings
from svc.repositories import analytics as analytics_repo
from svc.utils.geo import GeoLookup, classify_user_agent, normalise_country
from svc.utils.ratelimit import InProcessRateLimiter
from svc.utils.signing import hash_listener

log = logging.getLogger(__name__)

MIN_COUNTED_BYTES = 64 * 1024
PER_IP_EVENTS_PER_SECOND = 20


@dataclass(slots=True)
class DownloadHit:
    episode_id: int
    show_id: int
    ip: str
    user_agent: str
    bytes_served: int
    listen_seconds: int = 0


class AnalyticsIngestor:
    def __init__(self, geo: GeoLookup) -> None:
        self._geo = geo
        self._queue: asyncio.Queue[tuple] = asyncio.Queue()
        self._limiter = InProcessRateLimiter(PER_IP_EVENTS_PER_SECOND)
        self._stopping = asyncio.Event()

    async def record(self, hit: DownloadHit) -> bool:
        if not self._limiter.allow(hit.ip):
            return False
        if hit.bytes_served < MIN_COUNTED_BYTES and hit.listen_seconds == 0:
            return False
        listener_key = hash_listener(hit.ip, hit.user_agent)
        country = normalise_country(self._geo.country(hit.ip))
        app = classify_user_agent(hit.user_agent)
        await self._queue.put(
            (
                hit.episode_id,
                hit.show_id,
                listener_key,
                app,
                country,
                hit.bytes_served,
                hit.listen_seconds,
                dt.datetime.now(dt.timezone.utc),
            )
        )
        return True

    async def run(self) -> None:
        while not self._stopping.is_set():
            first = await self._queue.get()
            batch = [first]
            while len(batch) < settings.ingest_batch_size and not self._queue.empty():
                batch.append(self._queue.get_nowait())
            try:
                await analytics_repo.insert_events(batch)
            except Exception:
                log.exception("failed to insert %d listen events; requeueing", len(batch))
                for row in batch:
                    self._queue.put_nowait(row)
                await asyncio.sleep(1.0)

    def stop(self) -> None:
        self._stopping.set()

    def backlog(self) -> int:
        return self._queue.qsize()


class AnalyticsQueries:
    async def episode_trend(self, episode_id: int, days: int = 30) -> list[dict]:
        rows = await analytics_repo.daily_downloads(episode_id, days)
        return [{"day": r["day"].isoformat(), "downloads": r["downloads"]} for r in rows]

    async def show_overview(self, episode_ids: list[int], days: int = 30) -> dict[int, int]:
        rows = await analytics_repo.daily_downloads_for_episodes(episode_ids, days)
        totals: dict[int, int] = defaultdict(int)
        for r in rows:
            totals[r["episode_id"]] += r["downloads"]
        return dict(totals)

    async def episode_table(self, episode_ids: list[int], days: int = 30) -> list[dict]:
        table = []
        for episode_id in episode_ids:
            rows = await analytics_repo.daily_downloads(episode_id, days=days)
            table.append(
                {
                    "episode_id": episode_id,
                    "downloads": sum(r["downloads"] for r in rows),
                    "unique_listeners": sum(r["unique_listeners"] for r in rows),
                }
            )
        return table

    async def audience(self, episode_id: int) -> dict:
        since = dt.datetime.now(dt.timezone.utc) - dt.timedelta(days=7)
        rows = await analytics_repo.recent_events_for_episode(episode_id, since)
        countries: dict[str, int] = defaultdict(int)
        apps: dict[str, int] = defaultdict(int)
        listeners = set()
        for r in rows:
            countries[r["country"] or "ZZ"] += 1
            apps[r["user_agent"] or "Other"] += 1
            listeners.add(r["listener_key"])
        return {"countries": dict(countries), "apps": dict(apps), "unique_listeners": len(listeners)}

    async def completion_rate(self, episode_id: int, duration_seconds: int | None) -> float | None:
        since = dt.datetime.now(dt.timezone.utc) - dt.timedelta(days=30)
        rows = await analytics_repo.recent_events_for_episode(episode_id, since)
        if not rows or not duration_seconds:
            return None
        completed = sum(1 for r in rows if r["listen_seconds"] >= duration_seconds * 0.9)
        return completed / len(rows)
