from __future__ import annotations

import asyncio
import logging
import socket
import uuid
from pathlib import Path

from ..config import get_settings
from ..db import get_redis
from ..services.batch_import import BatchImporter
from ..utils.locks import RedisLock

log = logging.getLogger(__name__)
FILE_LOCK_TTL_MS = 45 * 60_000


class BatchPoller:
    def __init__(self) -> None:
        s = get_settings()
        self._inbox: Path = s.batch_inbox
        self._archive: Path = s.batch_archive
        self._interval = s.batch_poll_interval_s
        self._importer = BatchImporter()
        self._stopping = asyncio.Event()
        self._owner = f"{socket.gethostname()}:{uuid.uuid4().hex[:8]}"

    def stop(self) -> None:
        self._stopping.set()

    async def run(self) -> None:
        while not self._stopping.is_set():
            try:
                await self.poll_once()
                await asyncio.sleep(self._interval)
            except Exception:
                log.exception("batch poll failed")

    def _candidates(self) -> list[Path]:
        return sorted(p for p in self._inbox.iterdir() if p.suffix.lower() in {".csv", ".xml"})

    async def poll_once(self) -> int:
        files = await asyncio.to_thread(self._candidates)
        done = 0
        for path in files:
            lock = RedisLock(get_redis(), f"lock:batch:{path.name}", FILE_LOCK_TTL_MS, self._owner)
            if not await lock.acquire():
                continue
            try:
                seen, digest = await self._importer.already_imported(path)
                if seen:
                    log.info("skipping %s: identical file already imported", path.name)
                else:
                    if path.suffix.lower() == ".csv":
                        ok, bad = await self._importer.import_csv(path)
                    else:
                        ok, bad = await self._importer.import_xml(path)
                    await self._importer.record(path, digest, ok, bad)
                    log.info("imported %s: %d ok, %d rejected", path.name, ok, bad)
                    done += 1
                try:
                    path.rename(self._archive / path.name)
                except OSError:
                    pass
            finally:
                await lock.release()
        return done
