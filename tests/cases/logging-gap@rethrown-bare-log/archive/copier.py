import asyncio
import logging

log = logging.getLogger(__name__)


class StoreError(Exception):
    pass


class Copier:
    def __init__(self, store, source_bucket: str) -> None:
        self._store = store
        self._source = source_bucket

    async def _copy_one(self, key: str, bucket: str) -> str:
        try:
            await self._store.copy(self._source, key, bucket, key)
        except StoreError:
            log.error("copy failed")  # expect: logging-gap
            raise
        return key

    async def copy_all(self, keys: list[str], bucket: str) -> list[str]:
        return await asyncio.gather(*(self._copy_one(key, bucket) for key in keys))

    async def _move_one(self, key: str, bucket: str) -> None:
        # look-alike: the key and the error are logged before re-raising
        try:
            await self._store.move(self._source, key, bucket)
        except StoreError as exc:
            log.error("move of %s to %s failed: %s", key, bucket, exc)
            raise

    async def _purge_one(self, key: str) -> None:
        # look-alike: the traceback is kept
        try:
            await self._store.delete(self._source, key)
        except StoreError:
            log.exception("purge failed")
            raise

    async def check(self) -> None:
        # look-alike: no item; the sentence is the whole story of the one call
        try:
            await self._store.ping()
        except StoreError:
            log.error("object store unreachable")
            raise


def open_device(path: str):
    # look-alike: a one-off sync step; the hint is logged and the OSError goes up with its own detail
    try:
        return open(path, "rb")
    except OSError:
        log.error("cannot open the device: check its permissions")
        raise
