from __future__ import annotations

import copy
import json
import logging
import threading
from typing import Any

from starlette.websockets import WebSocket

log = logging.getLogger(__name__)


class PositionHub:
    def __init__(self) -> None:
        self._clients: set[WebSocket] = set()
        self._positions: dict[str, dict[str, Any]] = {}
        self._history: list[dict[str, Any]] = []
        self._lock = threading.Lock()

    async def broadcast(self, update: dict[str, Any]) -> None:
        self._positions[update["device_id"]] = update
        frame = {"type": "positions", "vehicles": copy.deepcopy(self._positions)}  # expect: unnecessary-copy
        for ws in list(self._clients):
            try:
                await ws.send_text(json.dumps(frame, default=str))
            except Exception:
                log.debug("send failed", exc_info=True)

    async def publish(self, redis, update: dict[str, Any]) -> None:
        self._positions[update["device_id"]] = update
        await redis.publish("positions", json.dumps({"all": copy.deepcopy(self._positions)}))  # expect: unnecessary-copy

    async def broadcast_kept(self, update: dict[str, Any]) -> None:
        self._positions[update["device_id"]] = update
        frame = {"type": "positions", "vehicles": copy.deepcopy(self._positions)}
        self._history.append(frame)  # kept: later changes of the positions must not reach it
        for ws in list(self._clients):
            await ws.send_text(json.dumps(frame, default=str))

    def snapshot_text(self) -> str:
        with self._lock:  # threads: the copy is a snapshot taken under the lock
            frame = {"vehicles": copy.deepcopy(self._positions)}
        return json.dumps(frame)
