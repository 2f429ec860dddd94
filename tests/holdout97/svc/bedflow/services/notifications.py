from __future__ import annotations

import asyncio
import logging
from typing import Any

from ..clients.vendor_sdks import PagerClient, PagerError
from ..clients.push_gateway import PushGateway
from ..realtime.handheld_hub import HandheldHub
from ..realtime.hub import BoardHub

logger = logging.getLogger(__name__)


class NotificationService:
    def __init__(self, board: BoardHub, handhelds: HandheldHub, push: PushGateway, pager: PagerClient) -> None:
        self._board = board
        self._handhelds = handhelds
        self._push = push
        self._pager = pager

    async def notify_ward(self, ward_id: int, event: dict[str, Any]) -> None:
        await self._board.broadcast(ward_id, event)

    async def dispatch_cleaning(self, housekeeper_id: str, task: dict[str, Any]) -> None:
        message = {"type": "cleaning_task", **task}
        if self._handhelds.dispatch_to(housekeeper_id, message):
            return
        await self._push.send(housekeeper_id, "New cleaning task", message)

    async def escalate_cleaning(self, task_id: int, bed_label: str, minutes_waiting: int) -> str | None:
        message = f"Bed {bed_label}: cleaning task {task_id} waiting {minutes_waiting} min"
        try:
            return self._pager.page("evs-supervisor", message, priority="high")
        except PagerError:
            logger.exception("paging EVS supervisor failed for task %s", task_id)
            return None

    async def page_bed_manager(self, message: str) -> str | None:
        try:
            return await asyncio.to_thread(self._pager.page, "bed-manager", message)
        except PagerError:
            logger.exception("paging bed manager failed")
            return None
