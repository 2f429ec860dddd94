"""Real-time plumbing: handheld scanner sessions, pack-station screens and the floor dashboard."""
from __future__ import annotations

import asyncio
import json
import logging
import time
from functools import lru_cache
from typing import Any

import bcrypt
from fastapi import WebSocket
from redis.asyncio import Redis

from svc.db.inventory_repo import InventoryRepository

logger = logging.getLogger(__name__)

SESSION_TTL_S = 8 * 3600
AUDIT_BATCH = 200


@lru_cache(maxsize=4096)
def parse_scan(raw: str) -> tuple[str, str | None]:
    """Split a GS1-128 element string into (gtin, lot); plain EAN/UPC codes pass through."""
    if raw.startswith("01") and len(raw) >= 16:
        gtin, rest = raw[2:16], raw[16:]
        lot = rest[2:].split("\x1d", 1)[0] if rest.startswith("10") else None
        return gtin, lot
    return raw, None


class ScannerHub:
    """Handheld scanners: authentication, connection limit, session state and the scan audit trail."""

    def __init__(self, sessions: Redis, repo: InventoryRepository, max_connections: int, idle_timeout: float) -> None:
        self._sessions = sessions
        self._repo = repo
        self._max = max_connections
        self.idle_timeout = idle_timeout
        self._connected: set[str] = set()
        self._stopped = asyncio.Event()
        self.events: asyncio.Queue[dict[str, Any]] = asyncio.Queue(maxsize=5000)

    async def authenticate(self, device_id: str, pin: str) -> bool:
        stored = await self._sessions.hget("wms:scanner:pins", device_id)
        if stored is None:
            return False
        return await asyncio.to_thread(bcrypt.checkpw, pin.encode(), stored.encode())

    def try_register(self, device_id: str) -> bool:
        if device_id in self._connected or len(self._connected) >= self._max:
            return False
        self._connected.add(device_id)
        return True

    def unregister(self, device_id: str) -> None:
        self._connected.discard(device_id)

    async def handle_scan(self, device_id: str, message: dict[str, Any]) -> dict[str, Any]:
        gtin, lot = parse_scan(str(message["barcode"]))
        product = await self._repo.product_by_barcode(gtin)
        key = f"wms:scan-session:{device_id}"
        await self._sessions.hset(key, mapping={"last_gtin": gtin, "lot": lot or "", "at": int(time.time())})
        await self._sessions.expire(key, SESSION_TTL_S)
        try:
            self.events.put_nowait({"device": device_id, "gtin": gtin, "ts": time.time()})
        except asyncio.QueueFull:
            logger.warning("scan audit buffer full, dropping scan from %s", device_id)
        if product is None:
            return {"ok": False, "error": "unknown barcode", "gtin": gtin}
        return {"ok": True, "sku": product["sku"], "description": product["description"], "lot": lot}

    async def audit_loop(self) -> None:
        while not self._stopped.is_set():
            batch = [await self.events.get()]
            while len(batch) < AUDIT_BATCH and not self.events.empty():
                batch.append(self.events.get_nowait())
            try:
                await self._repo.log_scans(batch)
            except Exception:
                logger.exception("could not persist %d scan events", len(batch))
                await asyncio.sleep(1.0)

    def stop(self) -> None:
        self._stopped.set()


class StationRegistry:
    """Pack-station screens, keyed by station id."""

    def __init__(self) -> None:
        self._screens: dict[str, WebSocket] = {}

    def attach(self, station: str, websocket: WebSocket) -> None:
        self._screens[station] = websocket

    def detach(self, station: str) -> None:
        self._screens.pop(station, None)

    async def notify(self, station: str, payload: dict[str, Any]) -> bool:
        screen = self._screens.get(station)
        if screen is None:
            return False
        await asyncio.wait_for(screen.send_json(payload), timeout=2.0)
        return True


class FloorBroadcaster:
    """Relays floor events from Redis pub/sub to the dashboards connected to this process."""

    def __init__(self, redis: Redis) -> None:
        self._redis = redis
        self.clients: set[WebSocket] = set()
        self._events: asyncio.Queue[dict[str, Any]] = asyncio.Queue()

    async def listen(self) -> None:
        pubsub = self._redis.pubsub(ignore_subscribe_messages=True)
        await pubsub.subscribe("wms:floor")
        async for message in pubsub.listen():
            await self._events.put(json.loads(message["data"]))

    async def pump(self) -> None:
        while True:
            event = await self._events.get()
            for client in self.clients:
                await client.send_json(event)
