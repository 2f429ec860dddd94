"""Depot loops. A logging done-callback hears of a crash; it brings nothing back."""
import asyncio
import logging

import asyncpg
import httpx

log = logging.getLogger("depot.loops")
_http = httpx.AsyncClient(base_url="http://pricing.internal", timeout=4.0)


async def _fetch_and_store() -> int:
    resp = await _http.get("/v3/prices")
    resp.raise_for_status()
    conn = await asyncpg.connect("postgresql://depot@db/depot")
    try:
        await conn.executemany("UPDATE sku SET price = $2 WHERE id = $1", resp.json()["items"])
    finally:
        await conn.close()
    return len(resp.json()["items"])


async def pull_prices() -> None:
    while True:
        updated = await _fetch_and_store()  # expect: no-recovery
        log.info("prices: %d updated", updated)
        await asyncio.sleep(900)


async def push_dock_status() -> None:
    while True:
        await _http.post("/docks/heartbeat")
        await asyncio.sleep(20)


class InventoryMirror:
    def __init__(self) -> None:
        self.stop = asyncio.Event()

    async def run(self) -> None:
        while not self.stop.is_set():
            try:
                await self._mirror()
            except httpx.HTTPError:  # expect: no-recovery
                log.warning("mirror round failed")
                continue
            await asyncio.sleep(60)

    async def _mirror(self) -> None:
        resp = await _http.get("/v3/inventory")
        resp.raise_for_status()
