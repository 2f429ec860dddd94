"""Live feed of branch dispensing queues for the screens behind the counter."""
from __future__ import annotations

import copy
import logging
from collections import defaultdict
from typing import Any

from starlette.websockets import WebSocket

logger = logging.getLogger(__name__)


class QueueFeed:
    def __init__(self) -> None:
        self._screens: dict[int, set[WebSocket]] = defaultdict(set)

    def register(self, branch_id: int, websocket: WebSocket) -> None:
        self._screens[branch_id].add(websocket)

    def unregister(self, branch_id: int, websocket: WebSocket) -> None:
        screens = self._screens.get(branch_id)
        if screens is not None:
            screens.discard(websocket)
            if not screens:
                del self._screens[branch_id]

    def connected(self, branch_id: int) -> int:
        return len(self._screens.get(branch_id, ()))

    async def publish(self, branch_id: int, event: dict[str, Any]) -> None:
        # Iterate over a snapshot: a failed send unregisters the socket mid-loop.
        for websocket in list(self._screens.get(branch_id, ())):
            payload = copy.deepcopy(event)
            try:
                await websocket.send_json(payload)
            except RuntimeError:
                logger.info("dropping closed queue screen for branch %s", branch_id)
                self.unregister(branch_id, websocket)
