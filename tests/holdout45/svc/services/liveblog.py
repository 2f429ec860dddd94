"""Live blog posting and reading."""
from __future__ import annotations

import logging

from redis.asyncio import Redis

from ..repos.liveblog import LiveBlogRepository, LiveEntry
from ..ws.live import ReaderHub

log = logging.getLogger(__name__)

HISTORY = 30


class LiveBlogService:
    def __init__(self, repo: LiveBlogRepository, hub: ReaderHub, redis: Redis) -> None:
        self.repo = repo
        self.hub = hub
        self.redis = redis

    async def post(self, blog_id: int, author_id: int, kind: str, body: str) -> dict:
        entry = await self.repo.add_entry(blog_id, author_id, kind, body)
        event = {"type": "entry", "entry": entry.as_dict()}
        await self.hub.publish(blog_id, event)
        self.redis.publish(f"live-audit:{blog_id}", f"{author_id}:{entry.id}")
        return entry.as_dict()

    async def pin(self, entry_id: int) -> None:
        await self.repo.set_pinned(entry_id, True)

    async def delete(self, entry_id: int) -> None:
        blog_id = await self.repo.soft_delete(entry_id)
        if blog_id is not None:
            await self.hub.publish(blog_id, {"type": "delete", "id": entry_id})

    async def backlog(self, blog_id: int, since_ids: list[int]) -> list[dict]:
        recent = await self.repo.recent_entries(blog_id, HISTORY)
        missing: list[LiveEntry] = []
        for entry in recent:
            if entry.id not in since_ids:
                missing.append(entry)
        return [e.as_dict() for e in sorted(missing, key=lambda e: e.created_at)]

    async def merge_timeline(self, blog_id: int, archived: list[dict]) -> list[dict]:
        recent = [e.as_dict() for e in await self.repo.recent_entries(blog_id, 500)]
        merged = list(archived)
        for entry in recent:
            if entry["id"] not in [m["id"] for m in merged]:
                merged.append(entry)
        merged.sort(key=lambda e: e["created_at"], reverse=True)
        return merged

    async def record_view(self, blog_id: int) -> None:
        await self.redis.pfadd(f"live-viewers:{blog_id}", blog_id)
