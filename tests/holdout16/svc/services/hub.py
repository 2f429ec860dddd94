"""Live campaign dashboard fan-out.

Aggregation workers and the ingestion path publish stats on redis pub/sub; every replica
subscribes to the campaigns its own sockets follow and forwards messages to them, so a
dashboard may connect to any replica.
"""
from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass, field
from typing import Any

from fastapi import WebSocket
from redis.asyncio import Redis
from redis.asyncio.client import PubSub

logger = logging.getLogger(__name__)


@dataclass
class ClientState:
    advertiser_id: int
    queue: asyncio.Queue[str]
    campaigns: set[int] = field(default_factory=set)
    dropped: int = 0


class DashboardHub:
    def __init__(self, redis: Redis, *, queue_size: int, max_connections: int) -> None:
        self._redis = redis
        self._queue_size = queue_size
        self._max_connections = max_connections
        self._clients: dict[WebSocket, ClientState] = {}
        self._channels: dict[int, PubSub] = {}
        self._pumps: set[asyncio.Task[None]] = set()
        self._registry_lock = asyncio.Lock()
        self._metrics_lock = asyncio.Lock()
        self.connected_total = 0
        self.rejected_total = 0

    @property
    def connections(self) -> int:
        return len(self._clients)

    async def register(self, websocket: WebSocket, advertiser_id: int) -> ClientState | None:
        state: ClientState | None = None
        async with self._registry_lock:
            if len(self._clients) < self._max_connections:
                state = ClientState(advertiser_id=advertiser_id, queue=asyncio.Queue(maxsize=self._queue_size))
                self._clients[websocket] = state
            async with self._metrics_lock:
                if state is None:
                    self.rejected_total += 1
                else:
                    self.connected_total += 1
        return state

    async def unregister(self, websocket: WebSocket) -> None:
        async with self._registry_lock, self._metrics_lock:
            self._clients.pop(websocket, None)

    async def follow(self, state: ClientState, campaign_id: int) -> None:
        state.campaigns.add(campaign_id)
        if campaign_id not in self._channels:
            pubsub = self._redis.pubsub()
            await pubsub.subscribe(f"campaign-stats:{campaign_id}")
            self._channels[campaign_id] = pubsub
            pump = asyncio.create_task(self._pump(campaign_id, pubsub))
            self._pumps.add(pump)
            pump.add_done_callback(self._pumps.discard)

    async def _pump(self, campaign_id: int, pubsub: PubSub) -> None:
        while True:
            message = await pubsub.get_message(ignore_subscribe_messages=True, timeout=1.0)
            if message is not None:
                self.publish_local(campaign_id, message["data"])

    def publish_local(self, campaign_id: int, payload: str) -> None:
        for state in self._clients.values():
            if campaign_id not in state.campaigns:
                continue
            try:
                state.queue.put_nowait(payload)
            except asyncio.QueueFull:
                state.dropped += 1

    async def broadcast_alert(self, advertiser_id: int, alert: dict[str, Any]) -> None:
        for websocket, state in list(self._clients.items()):
            if state.advertiser_id == advertiser_id:
                await websocket.send_json(alert)

    async def close(self) -> None:
        for pump in list(self._pumps):
            pump.cancel()
        for pubsub in self._channels.values():
            await pubsub.aclose()
