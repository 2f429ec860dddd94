"""Fan-out of propagation events from Redis pub/sub to local websocket subscribers.

Every replica runs one listener on the `zone:*:propagation` pattern, so events published by any
API replica or by the push workers reach websockets connected to any replica.
"""
from __future__ import annotations

import asyncio
import json
from collections import defaultdict

import redis.asyncio as aioredis

from zonekeep.core.logging import get_logger
from zonekeep.services.propagation import PropagationChecker

log = get_logger("ws.hub")


class PropagationHub:
    def __init__(self, redis: aioredis.Redis, checker: PropagationChecker) -> None:
        self._redis = redis
        self._checker = checker
        self._watchers: defaultdict[int, set[asyncio.Queue]] = defaultdict(set)
        self._pollers: dict[int, asyncio.Task] = {}
        self._account_sockets: defaultdict[int, set] = defaultdict(set)
        self._lock = asyncio.Lock()

    def subscribe(self, zone_id: int) -> asyncio.Queue:
        queue: asyncio.Queue = asyncio.Queue()
        self._watchers[zone_id].add(queue)
        return queue

    def unsubscribe(self, zone_id: int, queue: asyncio.Queue) -> None:
        watchers = self._watchers.get(zone_id)
        if watchers is not None:
            watchers.discard(queue)
            if not watchers:
                del self._watchers[zone_id]

    def register_account(self, account_id: int, websocket) -> None:
        self._account_sockets[account_id].add(websocket)

    def unregister_account(self, account_id: int, websocket) -> None:
        self._account_sockets[account_id].discard(websocket)

    async def ensure_poller(self, zone_id: int, zone_name: str) -> None:
        if zone_id not in self._pollers:
            snapshot = await self._checker.snapshot(zone_name)
            self._dispatch(zone_id, {"type": "snapshot", "nodes": snapshot})
            self._pollers[zone_id] = asyncio.create_task(self._poll(zone_id, zone_name))

    async def ensure_account_feed(self, account_id: int) -> None:
        async with self._lock:
            if account_id not in self._pollers:
                await self._redis.sadd("ws:accounts", account_id)
                self._pollers[account_id] = asyncio.create_task(self._heartbeat(account_id))

    async def _heartbeat(self, account_id: int) -> None:
        while self._account_sockets.get(account_id):
            await asyncio.sleep(25)
        self._pollers.pop(account_id, None)

    async def _poll(self, zone_id: int, zone_name: str) -> None:
        while self._watchers.get(zone_id):
            await asyncio.sleep(10)
            snapshot = await self._checker.snapshot(zone_name)
            self._dispatch(zone_id, {"type": "snapshot", "nodes": snapshot})
        self._pollers.pop(zone_id, None)

    def _dispatch(self, zone_id: int, event: dict) -> None:
        for queue in list(self._watchers.get(zone_id, ())):
            queue.put_nowait(event)

    def close_all(self) -> None:
        for zone_id in list(self._watchers):
            for queue in self._watchers.pop(zone_id):
                queue.put_nowait({"type": "shutdown"})
        for task in self._pollers.values():
            task.cancel()

    async def run(self) -> None:
        pubsub = self._redis.pubsub()
        await pubsub.psubscribe("zone:*:propagation")
        async for message in pubsub.listen():
            if message["type"] != "pmessage":
                continue
            zone_id = int(message["channel"].split(":")[1])
            self._dispatch(zone_id, json.loads(message["data"]))
