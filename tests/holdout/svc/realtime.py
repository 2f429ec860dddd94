from __future__ import annotations

import asyncio
import logging
from collections import defaultdict
from typing import Any

from fastapi import APIRouter, WebSocket
from starlette.websockets import WebSocketState

logger = logging.getLogger(__name__)

SUBSCRIBER_QUEUE_SIZE = 100
CLOSE_GRACE_S = 30.0

Event = dict[str, Any]


class TrackingHub:
    """Fans tracking events out to websocket subscribers of this process."""

    def __init__(self) -> None:
        self._by_tracking_number: dict[str, set[asyncio.Queue[Event]]] = defaultdict(set)
        self._firehose: set[asyncio.Queue[Event]] = set()
        self._tasks: set[asyncio.Task[None]] = set()
        self.dropped = 0

    def subscribe(self, tracking_number: str) -> asyncio.Queue[Event]:
        queue: asyncio.Queue[Event] = asyncio.Queue(maxsize=SUBSCRIBER_QUEUE_SIZE)
        self._by_tracking_number[tracking_number].add(queue)
        return queue

    def unsubscribe(self, tracking_number: str, queue: asyncio.Queue[Event]) -> None:
        subscribers = self._by_tracking_number.get(tracking_number)
        if subscribers is None:
            return
        subscribers.discard(queue)
        if not subscribers:
            del self._by_tracking_number[tracking_number]

    def subscribe_all(self) -> asyncio.Queue[Event]:
        queue: asyncio.Queue[Event] = asyncio.Queue(maxsize=1000)
        self._firehose.add(queue)
        return queue

    def unsubscribe_all(self, queue: asyncio.Queue[Event]) -> None:
        self._firehose.discard(queue)

    def subscriber_count(self) -> int:
        return sum(len(s) for s in self._by_tracking_number.values()) + len(self._firehose)

    def publish(self, tracking_number: str, event: Event) -> None:
        targets = list(self._by_tracking_number.get(tracking_number, ())) + list(self._firehose)
        for queue in targets:
            try:
                queue.put_nowait(event)
            except asyncio.QueueFull:
                self.dropped += 1

    def schedule_close(self, tracking_number: str, grace: float = CLOSE_GRACE_S) -> None:
        """Tell subscribers of a finished shipment to disconnect after a grace period."""
        task = asyncio.create_task(self._close_later(tracking_number, grace))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _close_later(self, tracking_number: str, grace: float) -> None:
        await asyncio.sleep(grace)
        for queue in list(self._by_tracking_number.get(tracking_number, ())):
            try:
                queue.put_nowait({"type": "end", "tracking_number": tracking_number})
            except asyncio.QueueFull:
                self.dropped += 1


hub = TrackingHub()

router = APIRouter()


async def pump_events(websocket: WebSocket, queue: asyncio.Queue[Event]) -> None:
    while websocket.application_state == WebSocketState.CONNECTED:
        event = await queue.get()
        await websocket.send_json(event)
        if event.get("type") == "end":
            await websocket.close(code=1000)
            return


@router.websocket("/ws/track/{tracking_number}")
async def track_shipment(websocket: WebSocket, tracking_number: str) -> None:
    await websocket.accept()
    queue = hub.subscribe(tracking_number)
    sender = asyncio.create_task(pump_events(websocket, queue))
    await websocket.send_json({"type": "subscribed", "tracking_number": tracking_number})
    while True:
        message = await websocket.receive_json()
        kind = message.get("type")
        if kind == "ping":
            await websocket.send_json({"type": "pong"})
        elif kind == "unsubscribe":
            break
        else:
            await websocket.send_json({"type": "error", "detail": f"unknown message type {kind!r}"})
    sender.cancel()
    hub.unsubscribe(tracking_number, queue)
    await websocket.close()
