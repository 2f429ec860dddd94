from __future__ import annotations

import asyncio
import hashlib
import hmac
import json
import logging
import uuid
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

import httpx
from redis.asyncio import Redis
from starlette.websockets import WebSocket, WebSocketState

log = logging.getLogger(__name__)

PAYMENT_CHANNEL = "ar:payment-events"
ALERT_CHANNEL = "ar:collection-alerts"


@dataclass(slots=True)
class WebhookSubscription:
    url: str
    secret: str


class DashboardChannel:
    """Outbound queue for one dashboard connection; slow readers lose old alerts."""

    def __init__(self, websocket: WebSocket, tenant_id: uuid.UUID, send_timeout: float) -> None:
        self.websocket = websocket
        self.tenant_id = tenant_id
        self._send_timeout = send_timeout
        self._queue: asyncio.Queue[dict[str, Any]] = asyncio.Queue(maxsize=100)

    def offer(self, event: dict[str, Any]) -> None:
        if self._queue.full():
            self._queue.get_nowait()
        self._queue.put_nowait(event)

    async def pump(self) -> None:
        while self.websocket.application_state == WebSocketState.CONNECTED:
            event = await self._queue.get()
            await asyncio.wait_for(self.websocket.send_json(event), timeout=self._send_timeout)


class PaymentEventHub:
    """Fans payment events out to the finance dashboards connected to this replica.

    Events are published on redis so that every replica receives them, whichever
    replica recorded the payment.
    """

    def __init__(self, redis: Redis) -> None:
        self._redis = redis
        self._sockets: dict[uuid.UUID, set[WebSocket]] = defaultdict(set)
        self._channels: dict[uuid.UUID, set[DashboardChannel]] = defaultdict(set)
        self._inbox: asyncio.Queue[dict[str, Any]] = asyncio.Queue()

    @property
    def connection_count(self) -> int:
        return sum(len(s) for s in self._sockets.values()) + sum(len(c) for c in self._channels.values())

    def attach(self, tenant_id: uuid.UUID, websocket: WebSocket) -> None:
        self._sockets[tenant_id].add(websocket)

    def detach(self, tenant_id: uuid.UUID, websocket: WebSocket) -> None:
        sockets = self._sockets.get(tenant_id)
        if sockets is not None:
            sockets.discard(websocket)
            if not sockets:
                del self._sockets[tenant_id]

    def attach_channel(self, channel: DashboardChannel) -> None:
        self._channels[channel.tenant_id].add(channel)

    def detach_channel(self, channel: DashboardChannel) -> None:
        self._channels[channel.tenant_id].discard(channel)

    async def publish_payment(self, tenant_id: uuid.UUID, event: dict[str, Any]) -> None:
        await self._redis.publish(PAYMENT_CHANNEL, json.dumps({"tenant_id": str(tenant_id), **event}, default=str))

    async def publish_alert(self, tenant_id: uuid.UUID, alert: dict[str, Any]) -> None:
        await self._redis.publish(ALERT_CHANNEL, json.dumps({"tenant_id": str(tenant_id), **alert}, default=str))

    async def listen(self) -> None:
        """Move messages from redis into the local inbox."""
        async with self._redis.pubsub() as pubsub:
            await pubsub.subscribe(PAYMENT_CHANNEL, ALERT_CHANNEL)
            async for message in pubsub.listen():
                if message["type"] != "message":
                    continue
                payload = json.loads(message["data"])
                payload["_channel"] = message["channel"]
                self._inbox.put_nowait(payload)

    async def dispatch(self) -> None:
        while True:
            payload = await self._inbox.get()
            tenant_id = uuid.UUID(payload.pop("tenant_id"))
            if payload.pop("_channel") == ALERT_CHANNEL:
                for channel in self._channels.get(tenant_id, ()):
                    channel.offer(payload)
                continue
            for websocket in list(self._sockets.get(tenant_id, ())):
                try:
                    await websocket.send_json(payload)
                except RuntimeError:
                    self.detach(tenant_id, websocket)


def sign(secret: str, body: bytes) -> str:
    return hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


async def deliver(subscription: WebhookSubscription, event: dict[str, Any]) -> bool:
    body = json.dumps(event, default=str).encode()
    headers = {"Content-Type": "application/json", "X-AR-Signature": sign(subscription.secret, body)}
    async with httpx.AsyncClient() as client:
        try:
            resp = await client.post(subscription.url, content=body, headers=headers)
        except httpx.HTTPError:
            return False
    return resp.is_success


class WebhookDispatcher:
    """Delivers payment notifications to customers' ERP webhooks."""

    def __init__(self, concurrency: int) -> None:
        self._semaphore = asyncio.Semaphore(concurrency)
        self._tasks: set[asyncio.Task[None]] = set()

    def schedule(self, subscriptions: list[WebhookSubscription], event: dict[str, Any]) -> None:
        task = asyncio.create_task(self._deliver_all(subscriptions, event))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _deliver_one(self, subscription: WebhookSubscription, event: dict[str, Any]) -> None:
        async with self._semaphore:
            await deliver(subscription, event)

    async def _deliver_all(self, subscriptions: list[WebhookSubscription], event: dict[str, Any]) -> None:
        await asyncio.gather(*(self._deliver_one(s, event) for s in subscriptions))

    async def drain(self) -> None:
        if self._tasks:
            await asyncio.wait(self._tasks, timeout=10)
