"""Redis pub/sub -> local websocket hub.

Every replica subscribes to the same channels, so a price published by the
ingest worker reaches clients no matter which replica they are connected to.
"""
from __future__ import annotations

import asyncio
import contextlib
import json
import logging

from redis.asyncio import Redis

from svc.feeds.ingest import ODDS_CHANNEL, SCORES_CHANNEL
from svc.live.hub import ConnectionHub

logger = logging.getLogger(__name__)

USER_CHANNEL = "user-events"
SUSPEND_CHANNEL = "odds:suspended"


class Fanout:
    def __init__(self, redis: Redis, hub: ConnectionHub) -> None:
        self._redis = redis
        self._hub = hub
        self._inbox: asyncio.Queue[tuple[str, str]] = asyncio.Queue(maxsize=5000)
        self._tasks: list[asyncio.Task] = []
        self.dropped = 0

    async def start(self) -> None:
        self._tasks = [
            asyncio.create_task(self._listen(), name="fanout-listen"),
            asyncio.create_task(self._dispatch(), name="fanout-dispatch"),
        ]

    async def stop(self) -> None:
        for t in self._tasks:
            t.cancel()
        for t in self._tasks:
            with contextlib.suppress(asyncio.CancelledError):
                await t

    def _offer(self, item: tuple[str, str]) -> None:
        if self._inbox.full():
            self._inbox.get_nowait()
            self.dropped += 1
        self._inbox.put_nowait(item)

    async def _listen(self) -> None:
        while True:
            try:
                async with self._redis.pubsub() as ps:
                    await ps.subscribe(ODDS_CHANNEL, SCORES_CHANNEL, USER_CHANNEL, SUSPEND_CHANNEL)
                    async for message in ps.listen():
                        if message["type"] == "message":
                            self._offer((message["channel"], message["data"]))
            except asyncio.CancelledError:
                raise
            except Exception:
                logger.exception("pubsub listener failed; resubscribing in 1s")
                await asyncio.sleep(1.0)

    async def _dispatch(self) -> None:
        while True:
            channel, data = await self._inbox.get()
            payload = json.loads(data)
            if channel == ODDS_CHANNEL:
                self._hub.broadcast_prices(payload)
            elif channel == SCORES_CHANNEL:
                self._hub.broadcast_score(payload)
            elif channel == USER_CHANNEL:
                self._hub.send_to_user(payload["user_id"], payload["event"])
            elif channel == SUSPEND_CHANNEL:
                self._hub.broadcast_prices([{"selection_id": s, "suspended": True} for s in payload["selections"]])

    async def publish_user_event(self, user_id: int, event: dict) -> None:
        await self._redis.publish(USER_CHANNEL, json.dumps({"user_id": user_id, "event": event}))

    def notify_suspended(self, selection_ids: list[int]) -> None:
        self._redis.publish(SUSPEND_CHANNEL, json.dumps({"selections": selection_ids}))
