"""Background sync with the consortium catalogue, every few minutes."""
import asyncio
import logging

from catalogue.client import CatalogueClient

log = logging.getLogger(__name__)


class CatalogueSync:
    def __init__(self, client: CatalogueClient) -> None:
        self._client = client
        self._since = "1970-01-01"

    async def run(self) -> None:
        while True:
            try:
                await self.sync_once()
            except Exception:
                log.exception("catalogue sync failed")
            await asyncio.sleep(300)

    async def sync_once(self) -> None:
        titles = await self._client.fetch_titles(self._since)
        covers = await self._client.fetch_covers(self._since)
        log.info("%d titles, %d bytes of covers", len(titles), len(covers))
        await self._client.push_loans([{"title": t["id"]} for t in titles])
        await self._client.push_holds([])
        if titles:
            self._since = titles[-1]["updated_at"]
