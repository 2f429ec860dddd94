"""Fan-out of pipeline board updates to recruiters' websockets."""
from __future__ import annotations

import asyncio
import copy
import json
import logging
from collections import defaultdict

from fastapi import WebSocket
from redis.asyncio import Redis

from svc.observability import WS_CONNECTIONS

log = logging.getLogger(__name__)

CHANNEL = "pipeline-events"


class BoardConnections:
    """Websockets currently watching each job's pipeline board."""

    def __init__(self) -> None:
        self._boards: dict[int, set[WebSocket]] = defaultdict(set)
        self._queues: dict[WebSocket, asyncio.Queue] = {}
        self._state: dict[int, dict] = {}

    async def connect(self, job_id: int, ws: WebSocket) -> asyncio.Queue:
        queue: asyncio.Queue = asyncio.Queue()
        self._boards[job_id].add(ws)
        self._queues[ws] = queue
        WS_CONNECTIONS.inc()
        return queue

    def disconnect(self, job_id: int, ws: WebSocket) -> None:
        self._boards[job_id].discard(ws)
        if not self._boards[job_id]:
            self._boards.pop(job_id, None)
        if self._queues.pop(ws, None) is not None:
            WS_CONNECTIONS.dec()

    def set_snapshot(self, job_id: int, board: dict) -> None:
        self._state[job_id] = board

    def update_card(self, job_id: int, application_id: int, stage: str) -> None:
        board = self._state.get(job_id)
        if not board:
            return
        for column in board.get("columns", {}).values():
            for card in list(column):
                if card["application_id"] == application_id:
                    column.remove(card)
                    card["stage"] = stage
                    board["columns"].setdefault(stage, []).append(card)
                    return

    def dispatch(self, job_id: int, event: dict) -> None:
        board = self._state.get(job_id, {})
        for ws in self._boards.get(job_id, ()):
            view = copy.deepcopy(board)
            view["last_event"] = event
            self._queues[ws].put_nowait(view)

    def count(self, job_id: int) -> int:
        return len(self._boards.get(job_id, ()))


class PipelinePublisher:
    """Publishes stage changes to redis so every replica's sockets see them."""

    def __init__(self, redis: Redis, local: BoardConnections) -> None:
        self.redis = redis
        self.local = local
        self._task: asyncio.Task | None = None

    async def publish(self, job_id: int, event: dict) -> None:
        await self.redis.publish(CHANNEL, json.dumps({"job_id": job_id, "event": event}))

    def publish_nowait(self, job_id: int, event: dict) -> None:
        self.redis.publish(CHANNEL, json.dumps({"job_id": job_id, "event": event}))

    async def _relay(self) -> None:
        pubsub = self.redis.pubsub(ignore_subscribe_messages=True)
        await pubsub.subscribe(CHANNEL)
        try:
            async for message in pubsub.listen():
                try:
                    data = json.loads(message["data"])
                    self.local.dispatch(int(data["job_id"]), data["event"])
                except (ValueError, KeyError, TypeError):
                    log.warning("dropping malformed pipeline event: %r", message.get("data"))
        finally:
            await pubsub.aclose()

    def start(self) -> None:
        self._task = asyncio.create_task(self._relay(), name="pipeline-relay")

    async def stop(self) -> None:
        if self._task:
            self._task.cancel()
            await asyncio.gather(self._task, return_exceptions=True)
