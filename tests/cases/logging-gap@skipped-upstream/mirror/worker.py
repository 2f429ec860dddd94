"""Copies new packages from the index into the store, every few minutes."""
import asyncio
import logging

from mirror.errors import NotFoundError, UpstreamError
from mirror.remote import PackageIndex, Store

log = logging.getLogger(__name__)


class Mirror:
    def __init__(self, index: PackageIndex, store: Store, interval: float) -> None:
        self._index = index
        self._store = store
        self._interval = interval

    async def run(self) -> None:
        while True:
            try:
                await self.copy_new()
            except UpstreamError:
                log.exception("mirror round failed")
            await asyncio.sleep(self._interval)

    async def copy_new(self) -> int:
        copied = 0
        for package in await self._index.listing():
            try:
                data = await self._index.download(package["path"])
            except UpstreamError:  # expect: logging-gap
                continue
            try:
                owner = await self._store.owner_of(package["name"])
            except NotFoundError:
                continue
            try:
                await self._store.save(f"{owner}/{package['name']}", data)
            except UpstreamError as exc:
                log.warning("could not store %s: %s", package["name"], exc)
                continue
            copied += 1
        return copied

    async def refresh_one(self, name: str, path: str) -> bool:
        try:
            data = await self._index.download(path)
        except UpstreamError:
            raise
        await self._store.save(name, data)
        return True
