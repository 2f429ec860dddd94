"""Mirrors new releases from the hardware team's CDN manifest into our own store.

A Postgres advisory lock (held on one dedicated connection) keeps replicas from mirroring
the same release at once.
"""
from __future__ import annotations

import asyncio
import logging

from svc.clients.firmware_cdn import FirmwareCDN
from svc.db import Database
from svc.errors import UpstreamError
from svc.services.firmware import MAX_IMAGE_BYTES, FirmwareService

log = logging.getLogger(__name__)

_LOCK_KEY = 0x46574D53  # "FWMS"


class FirmwareSyncWorker:
    def __init__(self, db: Database, firmware: FirmwareService, cdn: FirmwareCDN, *, interval: float) -> None:
        self._db = db
        self._firmware = firmware
        self._cdn = cdn
        self._interval = interval

    async def run(self) -> None:
        while True:
            try:
                await self._sync_once()
                await asyncio.sleep(self._interval)
            except Exception:
                log.exception("firmware sync failed; restarting")

    async def _sync_once(self) -> None:
        conn = await self._db.pool.acquire(timeout=self._db.acquire_timeout)
        try:
            if not await conn.fetchval("SELECT pg_try_advisory_lock($1)", _LOCK_KEY):
                return
            try:
                await self._mirror_new_releases()
            finally:
                await conn.execute("SELECT pg_advisory_unlock($1)", _LOCK_KEY)
        finally:
            await self._db.pool.release(conn)

    async def _mirror_new_releases(self) -> None:
        pending = self._cdn.fetch_manifest()
        manifest = await asyncio.wait_for(pending, timeout=120)
        known = await self._firmware.known_versions()
        mirrored = 0
        for entry in manifest:
            if entry["version"] in known:
                continue
            try:
                data = await self._cdn.download(entry["path"], max_bytes=MAX_IMAGE_BYTES)
            except UpstreamError:
                continue
            await self._firmware.import_release(entry, data)
            mirrored += 1
        if mirrored:
            log.info("mirrored %d firmware releases", mirrored)
