"""Fan-out of live vehicle positions to dispatcher map sockets."""
from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from datetime import datetime

from fastapi import WebSocket

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class PositionUpdate:
    fleet_id: int
    device_id: int
    recorded_at: datetime
    lat: float
    lon: float
    speed_kph: float
    heading: float | None

    def as_message(self) -> dict[str, object]:
        return {
            "type": "position",
            "device_id": self.device_id,
            "ts": self.recorded_at.isoformat(),
            "lat": self.lat,
            "lon": self.lon,
            "speed": self.speed_kph,
            "heading": self.heading,
        }


class MapHub:
    """Tracks dispatcher map sockets and pushes vehicle positions to them."""

    def __init__(self, max_clients: int) -> None:
        self._clients: dict[str, WebSocket] = {}
        self._subscriptions: dict[str, set[int]] = {}
        self._clients_lock = asyncio.Lock()
        self._subs_lock = asyncio.Lock()
        self._outbox: asyncio.Queue[PositionUpdate] = asyncio.Queue()
        self._max_clients = max_clients
        self._pump: asyncio.Task[None] | None = None

    def start(self) -> None:
        self._pump = asyncio.create_task(self._deliver_loop(), name="map-hub-pump")

    async def stop(self) -> None:
        if self._pump is not None:
            self._pump.cancel()
        for ws in list(self._clients.values()):
            await ws.close(code=1001)

    @property
    def connected(self) -> int:
        return len(self._clients)

    async def register(self, client_id: str, ws: WebSocket, fleet_ids: list[int]) -> bool:
        async with self._clients_lock:
            if len(self._clients) >= self._max_clients:
                return False
            self._clients[client_id] = ws
            async with self._subs_lock:
                self._subscriptions[client_id] = set(fleet_ids)
        return True

    async def subscribe(self, client_id: str, fleet_ids: list[int]) -> None:
        async with self._subs_lock:
            self._subscriptions.setdefault(client_id, set()).update(fleet_ids)

    def unregister(self, client_id: str) -> None:
        self._clients.pop(client_id, None)
        self._subscriptions.pop(client_id, None)

    def drop_fleet(self, fleet_id: int) -> None:
        for cid in list(self._subscriptions):
            fleets = self._subscriptions[cid]
            fleets.discard(fleet_id)
            if not fleets:
                del self._subscriptions[cid]

    def publish(self, update: PositionUpdate) -> None:
        self._outbox.put_nowait(update)

    async def _deliver_loop(self) -> None:
        while True:
            update = await self._outbox.get()
            async with self._subs_lock, self._clients_lock:
                targets = [cid for cid, fleets in self._subscriptions.items() if update.fleet_id in fleets]
                for cid in targets:
                    ws = self._clients.get(cid)
                    if ws is not None:
                        await ws.send_json(update.as_message())
