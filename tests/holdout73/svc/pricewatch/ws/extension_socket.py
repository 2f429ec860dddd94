"""Extension live channel: a redis pub/sub bridge so every API replica sees extension events."""
from __future__ import annotations

import asyncio
import json
import logging
from collections import defaultdict
from collections.abc import Awaitable, Callable

import redis.asyncio as redis
from fastapi import APIRouter, WebSocket, WebSocketDisconnect

log = logging.getLogger(__name__)

Handler = Callable[[dict], Awaitable[None]]
CHANNEL_PREFIX = "ext:user:"


class ExtensionBroker:
    def __init__(self, client: redis.Redis) -> None:
        self._redis = client
        self._pubsub = client.pubsub(ignore_subscribe_messages=True)
        self._handlers: dict[str, set[Handler]] = defaultdict(set)
        self._listener: asyncio.Task | None = None

    async def publish(self, user_id: int, event: dict) -> None:
        await self._redis.publish(f"{CHANNEL_PREFIX}{user_id}", json.dumps(event))

    async def subscribe(self, user_id: int, handler: Handler) -> None:
        channel = f"{CHANNEL_PREFIX}{user_id}"
        if not self._handlers[channel]:
            await self._pubsub.subscribe(channel)
        self._handlers[channel].add(handler)

    async def unsubscribe(self, user_id: int, handler: Handler) -> None:
        channel = f"{CHANNEL_PREFIX}{user_id}"
        self._handlers[channel].discard(handler)
        if not self._handlers[channel]:
            del self._handlers[channel]
            await self._pubsub.unsubscribe(channel)

    def start(self) -> None:
        self._listener = asyncio.create_task(self._listen_forever(), name="extension-broker")

    async def _listen_forever(self) -> None:
        backoff = 1.0
        while True:
            try:
                if not self._handlers:
                    await asyncio.sleep(0.5)
                    continue
                message = await self._pubsub.get_message(timeout=1.0)
                backoff = 1.0
                if message is None:
                    continue
                event = json.loads(message["data"])
                for handler in list(self._handlers.get(message["channel"], ())):
                    try:
                        await handler(event)
                    except Exception:
                        log.exception("extension event handler failed")
            except asyncio.CancelledError:
                raise
            except (redis.ConnectionError, redis.TimeoutError) as exc:
                log.warning("pubsub connection lost (%s); reconnecting in %.0fs", exc, backoff)
                await asyncio.sleep(backoff)
                backoff = min(backoff * 2, 30.0)

    async def close(self) -> None:
        if self._listener:
            self._listener.cancel()
        await self._pubsub.aclose()


router = APIRouter()


@router.websocket("/ws/extension/{user_id}")
async def extension_socket(websocket: WebSocket, user_id: int) -> None:
    """Pushes 'tracked' / 'alert fired' events to the user's open browser extensions."""
    await websocket.accept()
    broker = websocket.app.state.extension_broker

    async def forward(event: dict) -> None:
        await websocket.send_json(event)

    await broker.subscribe(user_id, forward)
    try:
        while True:
            try:
                text = await asyncio.wait_for(websocket.receive_text(), timeout=45)
            except asyncio.TimeoutError:
                await websocket.send_json({"type": "ping"})
                continue
            if text == "bye":
                break
    except WebSocketDisconnect:
        log.debug("extension socket for user %s closed", user_id)
    finally:
        await broker.unsubscribe(user_id, forward)
