"""Draft storage for the editor: an in-memory store for previews, Redis for saved drafts."""
from __future__ import annotations

import json

from redis.asyncio import Redis

redis = Redis.from_url("redis://redis:6379/0")


class InMemoryPreviewStore:
    def __init__(self) -> None:
        self._previews: dict[int, str] = {}  # expect: stateful-component

    def put(self, author_id: int, html: str) -> None:
        self._previews[author_id] = html

    def get(self, author_id: int) -> str | None:
        return self._previews.get(author_id)


class RedisDraftStore:
    async def save(self, author_id: int, draft: dict) -> None:
        await redis.set(f"draft:{author_id}", json.dumps(draft), ex=86400)

    async def load(self, author_id: int) -> dict | None:
        raw = await redis.get(f"draft:{author_id}")
        return json.loads(raw) if raw else None


class MarkdownMemo:
    def __init__(self) -> None:
        self._rendered: dict[str, str] = {}

    def render(self, text: str) -> str:
        if text not in self._rendered:
            self._rendered[text] = text.replace("**", "")
        return self._rendered[text]


previews = InMemoryPreviewStore()
drafts = RedisDraftStore()
markdown = MarkdownMemo()
