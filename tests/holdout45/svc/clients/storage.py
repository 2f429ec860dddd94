"""Media storage on the shared volume (mounted object store)."""
from __future__ import annotations

import asyncio
import hashlib
import os
from pathlib import Path


class MediaStorage:
    def __init__(self, root: Path, base_url: str) -> None:
        self._root = root
        self._base_url = base_url.rstrip("/")

    def path_for(self, key: str) -> Path:
        return self._root / key[:2] / key

    def url_for(self, key: str) -> str:
        return f"{self._base_url}/{key[:2]}/{key}"

    def _write(self, key: str, data: bytes) -> None:
        path = self.path_for(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(path.suffix + ".part")
        with open(tmp, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)

    async def put(self, key: str, data: bytes) -> str:
        await asyncio.to_thread(self._write, key, data)
        return self.url_for(key)

    def read_bytes(self, key: str) -> bytes:
        return self.path_for(key).read_bytes()

    async def get(self, key: str) -> bytes:
        return await asyncio.to_thread(self.read_bytes, key)

    def exists(self, key: str) -> bool:
        return self.path_for(key).exists()

    @staticmethod
    def content_key(data: bytes, suffix: str) -> str:
        return hashlib.sha256(data).hexdigest() + suffix
