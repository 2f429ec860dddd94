"""Realtime connections: dashboard fan-out, picker devices and packing-station slots.

Dashboard events are published on a Redis channel; every replica subscribes
and copies them into bounded per-socket queues, so a slow browser only loses
its own updates.
"""
from __future__ import annotations

import asyncio
import contextlib
import json
import logging
from typing import Any

from redis.asyncio import Redis
from redis.exceptions import RedisError
from starlette.websockets import WebSocket, WebSocketDisconnect

log = logging.getLogger(__name__)


class DashboardHub:
    def __init__(self, redis: Redis, *, channel: str = "wms:dashboard", per_client_buffer: int = 256) -> None:
        self._redis = redis
        self._channel = channel
        self._per_client_buffer = per_client_buffer
        self._local: set[WebSocket] = set()
        self._queues: dict[WebSocket, asyncio.Queue[str]] = {}
        self.dropped = 0

    def register(self, websocket: WebSocket) -> asyncio.Queue[str]:
        queue: asyncio.Queue[str] = asyncio.Queue(maxsize=self._per_client_buffer)
        self._local.add(websocket)
        self._queues[websocket] = queue
        return queue

    def unregister(self, websocket: WebSocket) -> None:
        self._local.discard(websocket)
        self._queues.pop(websocket, None)

    async def publish(self, event: dict[str, Any]) -> None:
        await self._redis.publish(self._channel, json.dumps(event, default=str))

    async def publish_many(self, events: list[dict[str, Any]]) -> None:
        async with self._redis.pipeline(transaction=False) as pipe:
            for event in events:
                pipe.publish(self._channel, json.dumps(event, default=str))
            await pipe.execute()

    async def run_listener(self) -> None:
        backoff = 1.0
        while True:
            pubsub = self._redis.pubsub()
            try:
                await pubsub.subscribe(self._channel)
                backoff = 1.0
                while True:
                    message = await pubsub.get_message(ignore_subscribe_messages=True, timeout=1.0)
                    if message is not None:
                        self._fan_out(message["data"])
            except (RedisError, OSError):
                log.warning("dashboard subscription lost; reconnecting in %.1fs", backoff, exc_info=True)
                await asyncio.sleep(backoff)
                backoff = min(backoff * 2, 30.0)
            finally:
                with contextlib.suppress(RedisError, OSError):
                    await pubsub.aclose()

    def _fan_out(self, payload: str) -> None:
        for queue in self._queues.values():
            try:
                queue.put_nowait(payload)
            except asyncio.QueueFull:
                self.dropped += 1

    async def close_all(self) -> None:
        for websocket in list(self._local):
            with contextlib.suppress(RuntimeError, WebSocketDisconnect):
                await websocket.close(code=1001)
            self.unregister(websocket)


class DeviceRegistry:
    """Handheld picker devices connected to this process."""

    def __init__(self) -> None:
        self._devices: dict[str, WebSocket] = {}

    def add(self, device_id: str, websocket: WebSocket) -> None:
        if self._devices.get(device_id) not in (None, websocket):
            log.info("device %s reconnected; replacing its old socket", device_id)
        self._devices[device_id] = websocket

    def remove(self, device_id: str, websocket: WebSocket) -> None:
        if self._devices.get(device_id) is websocket:
            del self._devices[device_id]

    async def push(self, device_id: str, message: dict[str, Any]) -> bool:
        websocket = self._devices.get(device_id)
        if websocket is None:
            return False
        await websocket.send_json(message)
        return True


class StationSlots:
    """Caps concurrent packing-station sockets in this worker process."""

    def __init__(self, limit: int) -> None:
        self._limit = limit
        self._in_use = 0

    def try_acquire(self) -> bool:
        if self._in_use >= self._limit:
            return False
        self._in_use += 1
        return True

    def release(self) -> None:
        self._in_use = max(0, self._in_use - 1)


device_registry = DeviceRegistry()
