"""Firmware images stored on disk; the digests are computed in a thread."""
import asyncio
import hashlib
from pathlib import Path

from app.utils import blobs


class Images:
    def __init__(self, directory: Path) -> None:
        self._dir = directory

    async def publish(self, data: bytes) -> Path:
        digest = await asyncio.to_thread(lambda: hashlib.sha256(data).hexdigest())
        path = await asyncio.to_thread(blobs.store_blob, self._dir / f"{digest}.bin", data)
        blobs.store_marker(self._dir / "published")
        return path

    async def publish_safely(self, data: bytes) -> Path:
        digest = hashlib.sha256(data).hexdigest()
        return await asyncio.to_thread(blobs.store_blob_atomically, self._dir / f"{digest}.bin", data)

    async def fetch(self, digest: str) -> bytes | None:
        return await asyncio.to_thread(blobs.read_blob, self._dir / f"{digest}.bin")
