from __future__ import annotations

from datetime import datetime
from typing import Any, Optional
from uuid import UUID

import asyncpg
import structlog

from pulsewatch.errors import PulsewatchError
from pulsewatch.repositories.maintenance import MaintenanceRepository
from pulsewatch.services.live import LivePublisher
from pulsewatch.services.subscribers import SubscriberService

log = structlog.get_logger(__name__)


def window_to_dict(row: asyncpg.Record) -> dict[str, Any]:
    return {
        "id": str(row["id"]),
        "title": row["title"],
        "status": row["status"],
        "starts_at": row["starts_at"].isoformat(),
        "ends_at": row["ends_at"].isoformat(),
        "monitor_ids": [str(m) for m in row["monitor_ids"]],
    }


class MaintenanceService:
    def __init__(self, repo: MaintenanceRepository, subscribers: SubscriberService, live: LivePublisher) -> None:
        self._repo = repo
        self._subscribers = subscribers
        self._live = live

    async def schedule(
        self,
        org_id: UUID,
        page_id: Optional[UUID],
        title: str,
        monitor_ids: list[UUID],
        starts_at: datetime,
        ends_at: datetime,
    ) -> dict[str, Any]:
        if ends_at <= starts_at:
            raise PulsewatchError("maintenance must end after it starts")
        row = await self._repo.create(org_id, page_id, title, monitor_ids, starts_at, ends_at)
        return window_to_dict(row)

    async def start_window(self, window: asyncpg.Record) -> None:
        await self._repo.set_status(window["id"], "in_progress")
        if window["page_id"]:
            await self._subscribers.notify_page(
                window["page_id"],
                f"Scheduled maintenance started: {window['title']}",
                f"Maintenance '{window['title']}' is in progress until {window['ends_at']:%Y-%m-%d %H:%M} UTC.",
            )
            await self._live.publish_page_update(window["page_id"], {"maintenance": window_to_dict(window)})
        log.info("maintenance.started", window_id=str(window["id"]))

    async def complete_window(self, window: asyncpg.Record) -> None:
        if window["page_id"]:
            await self._subscribers.notify_page(
                window["page_id"],
                f"Maintenance completed: {window['title']}",
                f"Maintenance '{window['title']}' has been completed.",
            )
            self._live.publish_page_update(window["page_id"], {"maintenance": None})
        log.info("maintenance.completed", window_id=str(window["id"]))
