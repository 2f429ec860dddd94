from __future__ import annotations

import asyncio
import json
import logging

import redis.asyncio as redis
from starlette.websockets import WebSocketState

from fleetwise.cache.keys import FLEET_CHANNEL
from fleetwise.realtime.registry import ConnectionRegistry

log = logging.getLogger(__name__)

SEND_TIMEOUT = 2.0


class FleetPublisher:
    """Fans position updates out to every API replica through redis pub/sub."""

    def __init__(self, client: redis.Redis) -> None:
        self._redis = client

    async def publish_position(self, vessel_id: int, payload: dict) -> None:
        await self._redis.publish(FLEET_CHANNEL, json.dumps({"vessel_id": vessel_id, **payload}, default=str))

    async def publish_eta(self, voyage_id: int, eta_iso: str) -> None:
        await self._redis.publish(FLEET_CHANNEL, json.dumps({"voyage_id": voyage_id, "eta": eta_iso}))


class FleetHub:
    """Relays position/ETA events from redis pub/sub to the fleet-map sockets on this replica."""

    def __init__(self, registry: ConnectionRegistry, client: redis.Redis) -> None:
        self._registry = registry
        self._redis = client

    async def broadcast(self, message: dict) -> None:
        text = json.dumps(message, default=str)
        async with self._registry.lock:
            for ws, info in self._registry.items():
                if not info.wants(message):
                    continue
                if ws.application_state is not WebSocketState.CONNECTED:
                    await self._registry.drop(ws)
                    continue
                try:
                    await asyncio.wait_for(ws.send_text(text), timeout=SEND_TIMEOUT)
                except (asyncio.TimeoutError, RuntimeError) as exc:
                    log.info("dropping slow fleet-map client %s: %r", info.user, exc)
                    await ws.close(code=1013)

    async def run(self) -> None:
        pubsub = self._redis.pubsub()
        await pubsub.subscribe(FLEET_CHANNEL)
        async for msg in pubsub.listen():
            if msg["type"] != "message":
                continue
            await self.broadcast(json.loads(msg["data"]))
