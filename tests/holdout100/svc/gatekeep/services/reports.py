from __future__ import annotations

import asyncio
import logging
from datetime import date
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from ..clients.messaging import EmailClient
from ..repositories.credentials import CredentialRepository
from ..repositories.events import EventRepository
from ..settings import Settings
from ..utils.timeutil import day_bounds
from ..utils.workbook import build_workbook

log = logging.getLogger(__name__)


class AccessReviewService:
    """Daily review of active badges that were not used, for the security team to prune."""

    def __init__(
        self,
        session_factory: async_sessionmaker[AsyncSession],
        events: EventRepository,
        email: EmailClient,
        settings: Settings,
    ) -> None:
        self._sf = session_factory
        self._events = events
        self._email = email
        self._settings = settings

    async def dormant_badges(self, site_id: int, day: date) -> list[dict[str, Any]]:
        async with self._sf() as session:
            creds = await CredentialRepository(session).active_for_review(site_id)
        start, end = day_bounds(day)
        day_events = await self._events.between(start, end)
        used_badges = [e["badge_number"] for e in day_events]
        rows: list[dict[str, Any]] = []
        for cred in creds:
            if cred.badge_number not in used_badges:
                last = await self._events.last_event_for(cred.id)
                rows.append(
                    {
                        "badge_number": cred.badge_number,
                        "holder_kind": cred.holder_kind,
                        "holder_id": cred.holder_id,
                        "door": last["door_id"] if last else "",
                        "kind": last["kind"] if last else "never used",
                        "occurred_at": last["occurred_at"] if last else "",
                    }
                )
        return rows

    async def day_activity(self, day: date) -> list[dict[str, Any]]:
        return [dict(r) for r in await self._events.on_day(day)]

    async def send_review(self, site_id: int, day: date) -> int:
        rows = await self.dormant_badges(site_id, day)
        content = await asyncio.to_thread(build_workbook, rows, f"Dormant badges {day}")
        recipients = self._settings.report_recipients
        if not recipients:
            log.warning("no report recipients configured; access review for site %s not sent", site_id)
            return len(rows)
        await self._email.send(
            recipients,
            f"Access review {day}: {len(rows)} dormant badges",
            "<p>Attached: active badges with no use on the review day.</p>",
            attachments=[{"filename": f"access-review-{site_id}-{day}.xlsx", "content": content.hex()}],
        )
        return len(rows)
