"""Home feed and watch-page assembly."""
import logging
import uuid
from typing import Any

from aiobreaker import CircuitBreakerError
import httpx

from svc.clients.recommendations import RecommendationsClient
from svc.repositories import VideoRepository

logger = logging.getLogger(__name__)


class FeedService:
    def __init__(self, videos: VideoRepository, recs: RecommendationsClient) -> None:
        self._videos = videos
        self._recs = recs
        self._trending: list[uuid.UUID] = []

    async def home(self, user_id: uuid.UUID, limit: int = 30) -> list[uuid.UUID]:
        try:
            recommended = await self._recs.for_user(user_id, limit)
        except (httpx.HTTPError, CircuitBreakerError):
            logger.warning("recommendations unavailable, serving trending", extra={"user_id": str(user_id)})
            recommended = []
        seen_ids: set[uuid.UUID] = set()
        feed: list[uuid.UUID] = []
        for vid in [*recommended, *self._trending]:
            if vid in seen_ids:
                continue
            seen_ids.add(vid)
            feed.append(vid)
        return feed[:limit]

    async def ranked_candidates(self, user_id: uuid.UUID, candidates: list[uuid.UUID]) -> list[uuid.UUID]:
        scored: list[tuple[float, uuid.UUID]] = []
        for vid in candidates:
            score = await self._recs.score(user_id, vid)
            scored.append((score, vid))
        scored.sort(reverse=True)
        return [vid for _, vid in scored]

    async def merge_sources(self, sources: list[list[uuid.UUID]]) -> list[uuid.UUID]:
        merged: list[uuid.UUID] = []
        for source in sources:
            for vid in source:
                if vid not in merged:
                    merged.append(vid)
        return merged

    async def watch_page(self, video_id: uuid.UUID) -> dict[str, Any]:
        video = await self._videos.get_video(video_id)
        related = await self._recs.related(video_id)
        counts = await self._videos.view_counts([video_id, *related])
        return {
            "video": dict(video),
            "views": counts.get(video_id, 0),
            "related": [{"id": str(v), "views": counts.get(v, 0)} for v in related],
        }

    async def channel_page(self, creator_id: uuid.UUID, videos: list[Any]) -> list[dict[str, Any]]:
        page = []
        for video in videos:
            views = await self._videos.view_count(video["id"])
            page.append({"id": str(video["id"]), "title": video["title"], "views": views})
        return page
