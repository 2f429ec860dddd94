"""Creator-facing analytics."""
from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

from sqlalchemy.ext.asyncio import AsyncSession

from podhost.cache.memo import LRUTTL
from podhost.repositories.analytics_repo import AnalyticsRepository
from podhost.repositories.episode_repo import EpisodeRepository
from podhost.repositories.show_repo import ShowRepository

_summaries = LRUTTL(maxsize=2048, ttl=60.0)


class AnalyticsService:
    def __init__(self, session: AsyncSession, analytics: AnalyticsRepository) -> None:
        self._episodes = EpisodeRepository(session)
        self._shows = ShowRepository(session)
        self._analytics = analytics

    async def show_summary(self, show_id: int, days: int = 30) -> dict:
        cache_key = f"{show_id}:{days}"
        cached = _summaries.get(cache_key)
        if cached is not None:
            return cached
        end = datetime.now(timezone.utc)
        start = end - timedelta(days=days)
        total = await self._analytics.show_downloads(show_id, start, end)
        series = await self._analytics.daily_series(show_id, start.date(), end.date())
        apps = await self._analytics.top_apps(show_id, start)
        summary = {
            "show_id": show_id,
            "downloads": total,
            "series": [{"day": r["day"].isoformat(), "downloads": r["downloads"]} for r in series],
            "apps": [{"app": r["app"], "downloads": r["n"]} for r in apps],
        }
        _summaries.set(cache_key, summary)
        return summary

    async def episode_breakdown(self, show_id: int, days: int = 30) -> list[dict]:
        end = datetime.now(timezone.utc)
        start = end - timedelta(days=days)
        episodes = await self._episodes.list_for_show(show_id, limit=200)
        breakdown = []
        for episode in episodes:
            downloads = await self._analytics.episode_downloads(episode.id, start, end)
            breakdown.append({"episode_id": episode.id, "title": episode.title, "downloads": downloads})
        breakdown.sort(key=lambda row: row["downloads"], reverse=True)
        return breakdown

    async def creator_totals(self, creator_id: int, start: date, end: date) -> dict[int, int]:
        shows = await self._shows.list_for_creator(creator_id)
        start_dt = datetime.combine(start, datetime.min.time(), tzinfo=timezone.utc)
        end_dt = datetime.combine(end, datetime.min.time(), tzinfo=timezone.utc)
        return await self._analytics.downloads_by_show([s.id for s in shows], start_dt, end_dt)
