"""Background mirror of the vendor catalogue."""
import asyncio
import logging

from mirror.store import CatalogueStore, UnknownSku
from mirror.vendor import VendorClient, VendorError

log = logging.getLogger(__name__)


class CatalogueMirror:
    def __init__(self, store: CatalogueStore, vendor: VendorClient) -> None:
        self._store = store
        self._vendor = vendor

    async def run(self) -> None:
        while True:
            try:
                await self.sync_once()
            except Exception:
                log.exception("catalogue sync failed")
            await asyncio.sleep(300)

    async def sync_once(self) -> None:
        for sku in await self._store.pending():
            try:
                item_id = await self._store.item_id(sku)
            except UnknownSku:
                continue
            try:
                data = await self._vendor.fetch_item(sku)
            except VendorError:  # expect: logging-gap
                continue
            try:
                data["price"] = await self._vendor.fetch_price(sku)
            except VendorError as exc:
                log.warning("no price for %s: %s", sku, exc)
            await self._store.save(item_id, data)
