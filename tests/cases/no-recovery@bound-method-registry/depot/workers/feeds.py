"""Long-running feeds; each is started by the supervisor's registry."""
from __future__ import annotations

import asyncio
import logging

import aiohttp

from depot import store

log = logging.getLogger(__name__)


class CarrierFeed:
    def __init__(self, host: str) -> None:
        self._host = host

    async def run(self) -> None:
        while True:
            try:
                reader, writer = await asyncio.wait_for(asyncio.open_connection(self._host, 7000), timeout=5)
                try:
                    await self._drain(reader)
                finally:
                    writer.close()
            except (ConnectionError, asyncio.IncompleteReadError):  # expect: no-recovery
                log.warning("carrier feed dropped, reconnecting")
                continue

    async def _drain(self, reader: asyncio.StreamReader) -> None:
        while True:
            line = await asyncio.wait_for(reader.readline(), timeout=30)
            if not line:
                raise asyncio.IncompleteReadError(b"", None)
            await store.record_event(line.decode())


class LedgerSync:
    def __init__(self, url: str) -> None:
        self._url = url

    async def sync_once(self) -> None:
        async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=20)) as http:
            async with http.get(self._url) as resp:
                entries = await resp.json()
        await store.save_entries(entries)

    async def run_forever(self) -> None:
        while True:
            try:
                await self.sync_once()
                await asyncio.sleep(600)
            except aiohttp.ClientError:  # expect: no-recovery
                log.warning("ledger sync failed", exc_info=True)


class ScanFeed:
    """Like the carrier feed, but waits before reconnecting."""

    def __init__(self, host: str) -> None:
        self._host = host

    async def listen(self) -> None:
        while True:
            try:
                reader, writer = await asyncio.wait_for(asyncio.open_connection(self._host, 7100), timeout=5)
                try:
                    await self._drain(reader)
                finally:
                    writer.close()
            except (ConnectionError, asyncio.IncompleteReadError):
                log.warning("scanner feed dropped, reconnecting in 5s")
            await asyncio.sleep(5)

    async def _drain(self, reader: asyncio.StreamReader) -> None:
        while True:
            line = await asyncio.wait_for(reader.readline(), timeout=30)
            if not line:
                raise asyncio.IncompleteReadError(b"", None)
            await store.record_event(line.decode())


class Compactor:
    """Skips a malformed batch; a database failure ends the round and the supervisor restarts it."""

    async def loop(self) -> None:
        while True:
            try:
                await store.compact()
            except ValueError:
                log.warning("malformed batch skipped")
                continue
            await asyncio.sleep(60)
