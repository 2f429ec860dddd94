"""Publication and fan-out of live spend updates to advertiser dashboards.

Spend events are published to a Redis channel by whichever replica tracked the
impression; every replica subscribes and delivers to the sockets it holds.
"""
from __future__ import annotations

import asyncio
import json
import logging
from collections import defaultdict

from redis.asyncio import Redis
from starlette.websockets import WebSocket, WebSocketDisconnect

from adbid.cache.redis_client import SPEND_CHANNEL
from adbid.metrics import DASHBOARD_CONNECTIONS

log = logging.getLogger(__name__)

SEND_TIMEOUT_S = 1.0


class SpendPublisher:
    def __init__(self, redis: Redis) -> None:
        self._redis = redis

    async def publish_spend(self, advertiser_id: int, campaign_id: int, spent_micros: int) -> None:
        message = {"type": "spend", "advertiser_id": advertiser_id, "campaign_id": campaign_id,
                   "spent_micros": spent_micros}
        await self._redis.publish(SPEND_CHANNEL, json.dumps(message))

    async def publish_campaign_update(self, advertiser_id: int, campaign_id: int, status: str) -> None:
        message = {"type": "campaign", "advertiser_id": advertiser_id, "campaign_id": campaign_id,
                   "status": status}
        await self._redis.publish(SPEND_CHANNEL, json.dumps(message))


class DashboardHub:
    def __init__(self, redis: Redis, max_connections: int) -> None:
        self._redis = redis
        self._max = max_connections
        self._connections: dict[int, set[WebSocket]] = defaultdict(set)
        self._campaign_watchers: dict[int, set[WebSocket]] = {}
        self._conn_lock = asyncio.Lock()
        self._stats_lock = asyncio.Lock()
        self._stats = {"connected": 0, "delivered": 0, "dropped": 0}

    @property
    def connection_count(self) -> int:
        return sum(len(s) for s in self._connections.values())

    async def _bump(self, key: str, n: int = 1) -> None:
        async with self._stats_lock:
            self._stats[key] += n

    async def connect(self, advertiser_id: int, ws: WebSocket) -> bool:
        async with self._conn_lock:
            if self.connection_count >= self._max:
                return False
            self._connections[advertiser_id].add(ws)
            await self._bump("connected")
        DASHBOARD_CONNECTIONS.inc()
        return True

    async def disconnect(self, advertiser_id: int, ws: WebSocket) -> None:
        async with self._conn_lock:
            sockets = self._connections.get(advertiser_id)
            if not sockets or ws not in sockets:
                return
            sockets.discard(ws)
            if not sockets:
                del self._connections[advertiser_id]
            await self._bump("connected", -1)
        DASHBOARD_CONNECTIONS.dec()

    def watch_campaign(self, campaign_id: int, ws: WebSocket) -> None:
        self._campaign_watchers.setdefault(campaign_id, set()).add(ws)

    def unwatch_campaign(self, campaign_id: int, ws: WebSocket) -> None:
        watchers = self._campaign_watchers.get(campaign_id)
        if watchers is not None:
            watchers.discard(ws)
            if not watchers:
                self._campaign_watchers.pop(campaign_id, None)

    async def _send(self, ws: WebSocket, payload: str) -> bool:
        try:
            await asyncio.wait_for(ws.send_text(payload), timeout=SEND_TIMEOUT_S)
            return True
        except (asyncio.TimeoutError, WebSocketDisconnect, RuntimeError):
            return False

    async def deliver(self, advertiser_id: int, payload: str) -> None:
        async with self._conn_lock:
            targets = list(self._connections.get(advertiser_id, ()))
        if not targets:
            return
        results = await asyncio.gather(*(self._send(ws, payload) for ws in targets))
        for ws, ok in zip(targets, results):
            if not ok:
                await self.disconnect(advertiser_id, ws)
                await self._bump("dropped")
        await self._bump("delivered", sum(results))

    async def _deliver_to_watchers(self, campaign_id: int, payload: str) -> None:
        for ws in list(self._campaign_watchers.get(campaign_id, ())):
            await self._send(ws, payload)

    async def _listen(self) -> None:
        pubsub = self._redis.pubsub()
        await pubsub.subscribe(SPEND_CHANNEL)
        try:
            async for message in pubsub.listen():
                if message.get("type") != "message":
                    continue
                data = json.loads(message["data"])
                await self.deliver(int(data["advertiser_id"]), message["data"])
                await self._deliver_to_watchers(int(data["campaign_id"]), message["data"])
        finally:
            await pubsub.aclose()

    async def run_listener(self) -> None:
        while True:
            try:
                await self._listen()
            except Exception:
                log.exception("spend listener stopped; resubscribing")

    def stats(self) -> dict[str, int]:
        return {**self._stats, "open": self.connection_count}
