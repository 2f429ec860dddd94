from __future__ import annotations

import asyncio
import copy
import json
import logging
from typing import Any

import redis.asyncio as aioredis
from starlette.websockets import WebSocket

from glide.models import Vehicle
from glide.services.telemetry import POSITIONS_CHANNEL

log = logging.getLogger(__name__)


class MapHub:
    """Fans out vehicle positions to operator map sockets connected to this process.

    Every replica subscribes to the same redis channel, so each one only needs to
    know about its own sockets.
    """

    def __init__(self, redis: aioredis.Redis) -> None:
        self._redis = redis
        self._clients: dict[WebSocket, int] = {}
        self._positions: dict[str, dict[str, Any]] = {}

    def register(self, ws: WebSocket, city_id: int) -> None:
        self._clients[ws] = city_id

    def unregister(self, ws: WebSocket) -> None:
        self._clients.pop(ws, None)

    @property
    def client_count(self) -> int:
        return len(self._clients)

    async def snapshot(self, vehicles: list[Vehicle]) -> list[dict[str, Any]]:
        out = []
        for vehicle in vehicles:
            live = await self._redis.hgetall(f"veh:{vehicle.iot_device_id}")
            out.append(
                {
                    "id": str(vehicle.id),
                    "qr": vehicle.qr_code,
                    "status": vehicle.status.value,
                    "lat": float(live.get("lat", vehicle.lat)),
                    "lon": float(live.get("lon", vehicle.lon)),
                    "battery": int(live.get("battery", vehicle.battery_pct)),
                }
            )
        return out

    async def live_positions(self, device_ids: list[str]) -> dict[str, dict[str, str]]:
        async with self._redis.pipeline(transaction=False) as pipe:
            for device_id in device_ids:
                pipe.hgetall(f"veh:{device_id}")
            results = await pipe.execute()
        return dict(zip(device_ids, results))

    async def _broadcast(self, update: dict[str, Any]) -> None:
        self._positions[update["device_id"]] = update
        frame = {"type": "positions", "vehicles": copy.deepcopy(self._positions)}
        for ws in list(self._clients):
            try:
                await ws.send_text(json.dumps(frame, default=str))
            except Exception:
                log.debug("send to operator socket failed", exc_info=True)

    async def alert(self, city_id: int, text: str) -> int:
        targets = [ws for ws, city in list(self._clients.items()) if city == city_id]
        frame = json.dumps({"type": "alert", "text": text})

        async def _send(ws: WebSocket) -> bool:
            try:
                await asyncio.wait_for(ws.send_text(frame), timeout=2)
                return True
            except Exception:
                self.unregister(ws)
                return False

        results = await asyncio.gather(*(_send(ws) for ws in targets))
        return sum(results)

    async def run(self) -> None:
        pubsub = self._redis.pubsub()
        await pubsub.subscribe(POSITIONS_CHANNEL)
        try:
            async for message in pubsub.listen():
                if message.get("type") != "message":
                    continue
                await self._broadcast(json.loads(message["data"]))
        finally:
            await pubsub.unsubscribe(POSITIONS_CHANNEL)
            await pubsub.aclose()
