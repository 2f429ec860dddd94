"""Live telemetry for the operations console.

Points are fanned out through redis pub/sub so a viewer can be served by any replica.
"""
from __future__ import annotations

import asyncio
import json
import logging
from collections import defaultdict

from fastapi import APIRouter, WebSocket, WebSocketDisconnect
from redis.asyncio import Redis

from ..config import get_settings

logger = logging.getLogger(__name__)
router = APIRouter()

_SUBSCRIBER_BUFFER = 256


class LiveHub:
    def __init__(self, redis: Redis) -> None:
        self._redis = redis
        self._pubsub = redis.pubsub(ignore_subscribe_messages=True)
        self._queues: dict[str, set[asyncio.Queue]] = defaultdict(set)
        self._lock = asyncio.Lock()

    async def publish_batch(self, points_by_device: dict[str, list[dict]]) -> None:
        if not points_by_device:
            return
        async with self._redis.pipeline(transaction=False) as pipe:
            for device_id, points in points_by_device.items():
                pipe.publish(f"live:{device_id}", json.dumps(points, default=str))
            await pipe.execute()

    async def subscribe(self, device_id: str) -> asyncio.Queue:
        queue: asyncio.Queue = asyncio.Queue(maxsize=_SUBSCRIBER_BUFFER)
        async with self._lock:
            if not self._queues[device_id]:
                await self._pubsub.subscribe(f"live:{device_id}")
            self._queues[device_id].add(queue)
        return queue

    async def unsubscribe(self, device_id: str, queue: asyncio.Queue) -> None:
        async with self._lock:
            queues = self._queues.get(device_id)
            if queues is None:
                return
            queues.discard(queue)
            if not queues:
                del self._queues[device_id]
                await self._pubsub.unsubscribe(f"live:{device_id}")

    async def pump(self) -> None:
        """Deliver pub/sub messages to local viewer queues; drops the oldest point for slow viewers."""
        while True:
            if not self._queues:
                await asyncio.sleep(0.5)
                continue
            message = await self._pubsub.get_message(timeout=1.0)
            if message is None:
                continue
            device_id = message["channel"].removeprefix("live:")
            points = json.loads(message["data"])
            for queue in self._queues.get(device_id, ()):
                for point in points:
                    if queue.full():
                        queue.get_nowait()
                    queue.put_nowait(point)


@router.websocket("/ws/devices/{device_id}/live")
async def live_telemetry(websocket: WebSocket, device_id: str) -> None:
    await websocket.accept()
    hub = websocket.app.state.live_hub
    queue = await hub.subscribe(device_id)
    heartbeat = get_settings().ws_idle_timeout / 3
    try:
        while True:
            try:
                point = await asyncio.wait_for(queue.get(), timeout=heartbeat)
            except TimeoutError:
                await websocket.send_json({"type": "heartbeat"})
                continue
            await websocket.send_json({"type": "point", **point})
    except WebSocketDisconnect:
        pass
    finally:
        await hub.unsubscribe(device_id, queue)
