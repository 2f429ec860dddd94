"""Certificate PDF archive on the shared EFS mount."""

from __future__ import annotations

import asyncio
import os
from pathlib import Path, PurePosixPath

ARCHIVE_ROOT = Path(os.environ.get("LERNWERK_ARCHIVE_ROOT", "/mnt/efs/lernwerk"))


class CertificateArchive:
    def __init__(self, root: Path = ARCHIVE_ROOT) -> None:
        self._root = root

    def _path(self, key: str) -> Path:
        if key.startswith("/") or ".." in PurePosixPath(key).parts:
            raise ValueError(f"invalid archive key {key!r}")
        return self._root / key

    def write_sync(self, key: str, data: bytes) -> Path:
        path = self._path(key)
        path.write_bytes(data)
        return path

    async def put(self, key: str, data: bytes) -> Path:
        return await asyncio.to_thread(self.write_sync, key, data)

    async def read(self, key: str) -> bytes:
        return await asyncio.to_thread(self._path(key).read_bytes)
