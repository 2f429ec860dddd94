"""Notifying podcast directories when a feed changes."""
from __future__ import annotations

import asyncio
import json
import logging
from datetime import datetime, timezone

from podhost.clients.directory_client import DirectoryClient
from podhost.config import Settings
from podhost.db.engine import SessionLocal
from podhost.db.models import Show, WebhookDelivery
from podhost.repositories.show_repo import ShowRepository

log = logging.getLogger(__name__)


class DirectoryNotifier:
    def __init__(self, client: DirectoryClient, settings: Settings) -> None:
        self._client = client
        self._settings = settings
        self._fanout = asyncio.Semaphore(8)

    def feed_url(self, show: Show) -> str:
        return f"{self._settings.cdn_base_url}/feeds/{show.slug}.xml"

    async def _ping_limited(self, endpoint: str, url: str) -> bool:
        async with self._fanout:
            return await self._client.ping(endpoint, url)

    async def episode_published(self, show_id: int, episode_id: int) -> None:
        async with SessionLocal() as session:
            repo = ShowRepository(session)
            show = await repo.get(show_id)
            if show is None or show.is_private:
                return
            url = self.feed_url(show)
            results = await asyncio.gather(
                *(self._ping_limited(endpoint, url) for endpoint in self._settings.directory_endpoints)
            )
            body = json.dumps(
                {"event": "episode.published", "show": show.slug, "episode": episode_id,
                 "feed": url, "at": datetime.now(timezone.utc).isoformat()}
            )
            for sub in await repo.subscriptions(show_id):
                session.add(WebhookDelivery(subscription_id=sub.id, event="episode.published", payload=body))
            await session.commit()
        log.info("directory pings for show %s: %s", show_id, results)

    async def republish_all(self, shows: list[Show]) -> int:
        results = await asyncio.gather(
            *(self._client.ping(endpoint, self.feed_url(show)) for show in shows for endpoint in self._settings.directory_endpoints),
            return_exceptions=True,
        )
        return sum(1 for r in results if r is True)
