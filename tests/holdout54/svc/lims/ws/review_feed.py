"""Live review-queue feed for pathologist dashboards."""
from __future__ import annotations

import asyncio
import contextlib
import logging

from fastapi import APIRouter, WebSocket, WebSocketDisconnect, status
from redis.asyncio import Redis

from ..security import staff_from_token

log = logging.getLogger(__name__)
router = APIRouter()

REVIEW_CHANNEL = "events:review"
HEARTBEAT_S = 25


class ReviewFeedHub:
    """One redis subscription per process, fanned out to local dashboard sockets."""

    def __init__(self, redis: Redis) -> None:
        self._redis = redis
        self._subscribers: dict[int, asyncio.Queue[str]] = {}
        self._task: asyncio.Task | None = None

    async def start(self) -> None:
        self._task = asyncio.create_task(self._pump(), name="review-feed-pump")

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task

    async def _pump(self) -> None:
        backoff = 1.0
        while True:
            try:
                async with self._redis.pubsub() as pubsub:
                    await pubsub.subscribe(REVIEW_CHANNEL)
                    backoff = 1.0
                    async for message in pubsub.listen():
                        if message.get("type") != "message":
                            continue
                        for queue in self._subscribers.values():
                            queue.put_nowait(message["data"])
            except asyncio.CancelledError:
                raise
            except Exception:
                log.exception("review feed subscription dropped; reconnecting in %.0fs", backoff)
                await asyncio.sleep(backoff)
                backoff = min(backoff * 2, 30.0)

    def subscribe(self, user_id: int) -> asyncio.Queue[str]:
        queue: asyncio.Queue[str] = asyncio.Queue()
        self._subscribers[user_id] = queue
        return queue

    def unsubscribe(self, user_id: int) -> None:
        self._subscribers.pop(user_id, None)


@router.websocket("/ws/review")
async def review_feed(ws: WebSocket) -> None:
    staff = await staff_from_token(ws.query_params.get("token", ""))
    if staff is None or staff.role not in ("pathologist", "lab_director"):
        await ws.close(code=status.WS_1008_POLICY_VIOLATION)
        return
    hub: ReviewFeedHub = ws.app.state.review_hub
    await ws.accept()
    queue = hub.subscribe(staff.user_id)
    while True:
        try:
            data = await asyncio.wait_for(queue.get(), timeout=HEARTBEAT_S)
        except asyncio.TimeoutError:
            await ws.send_json({"type": "heartbeat"})
            continue
        try:
            await ws.send_text(data)
        except WebSocketDisconnect:
            log.info("review dashboard for user %s went away", staff.user_id)
            return
