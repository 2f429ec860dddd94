"""Podcast feeds: served to the app, and snapshotted by callers outside this code."""
from __future__ import annotations

from pathlib import Path


class FeedService:
    async def get_feed(self, slug: str) -> dict:
        return {"title": slug}

    async def write_snapshot(self, slug: str) -> Path:
        body = await self.get_feed(slug)
        path = Path("/var/lib/feeds") / f"{slug}.xml"
        path.write_text(body["title"])  # expect: sync-io-in-async
        return path


class DraftTool:
    """A maintenance helper nothing in the app uses."""

    async def dump(self, slug: str) -> None:
        Path("/tmp/drafts").joinpath(slug).write_text(slug)

