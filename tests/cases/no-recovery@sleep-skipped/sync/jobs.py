"""Periodic jobs: mirror a catalogue, refresh exchange rates, compact the cache."""
import asyncio
import logging

import httpx

log = logging.getLogger(__name__)


class CatalogMirror:
    def __init__(self, client: httpx.AsyncClient, interval: float) -> None:
        self._client = client
        self._interval = interval

    async def run(self) -> None:
        while True:
            try:
                await self._mirror_once()
                await asyncio.sleep(self._interval)
            except Exception:  # expect: no-recovery
                log.exception("catalogue mirror failed; restarting")

    async def _mirror_once(self) -> None:
        response = await self._client.get("https://catalog.example.com/export")
        response.raise_for_status()


class RateRefresher:
    def __init__(self, client: httpx.AsyncClient, interval: float) -> None:
        self._client = client
        self._interval = interval
        self.rates: dict = {}

    async def run(self) -> None:
        while True:
            try:
                response = await self._client.get("https://rates.example.com/latest")
                self.rates = response.json()
            except httpx.HTTPError:
                log.exception("rate refresh failed")
            await asyncio.sleep(self._interval)


class CacheCompactor:
    def __init__(self, client: httpx.AsyncClient, interval: float) -> None:
        self._client = client
        self._interval = interval
        self._stop = asyncio.Event()

    def stop(self) -> None:
        self._stop.set()

    async def run(self) -> None:
        while not self._stop.is_set():
            try:
                await self._client.post("https://cache.example.com/compact")
            except httpx.HTTPError:
                log.exception("compaction failed; next attempt in %.0fs", self._interval)
            try:
                await asyncio.wait_for(self._stop.wait(), timeout=self._interval)
            except asyncio.TimeoutError:
                pass


class Heartbeat:
    def __init__(self, client: httpx.AsyncClient, interval: float) -> None:
        self._client = client
        self._interval = interval

    async def run(self) -> None:
        while True:
            try:
                await self._client.post("https://monitor.example.com/heartbeat")
                await asyncio.sleep(self._interval)
            except httpx.HTTPError:
                log.warning("heartbeat failed")
                await asyncio.sleep(5)
