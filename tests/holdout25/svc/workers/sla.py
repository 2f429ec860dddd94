"""SLA reminders: nudge reviewers and applicants when review deadlines pass."""
from __future__ import annotations

import asyncio
import logging
from datetime import datetime, timedelta, timezone

import asyncpg
import httpx

from svc.clients.notify import NotifyClient
from svc.config import get_settings
from svc.db.pool import connection

log = logging.getLogger(__name__)


async def overdue_permits(cutoff: datetime) -> list[asyncpg.Record]:
    async with connection() as conn:
        return await conn.fetch(
            "SELECT id, application_number, applicant_email FROM permits "
            "WHERE status = 'submitted' AND submitted_at < $1",
            cutoff,
        )


async def mark_escalated(permit_ids: list[int]) -> None:
    async with connection() as conn:
        await conn.execute(
            "UPDATE permits SET status = 'escalated' WHERE id = ANY($1::bigint[]) AND status = 'submitted'",
            permit_ids,
        )


async def _remind_one(notify: NotifyClient, row: asyncpg.Record) -> int | None:
    try:
        await notify.send_email(
            row["applicant_email"],
            f"Application {row['application_number']} is under escalated review",
            "Your application has passed its review target; a supervisor has been assigned.",
        )
    except httpx.HTTPError:
        return None
    return int(row["id"])


async def run_sla_reminders(notify: NotifyClient) -> None:
    settings = get_settings()
    while True:
        cutoff = datetime.now(timezone.utc) - timedelta(days=settings.sla_review_days)
        rows = await overdue_permits(cutoff)
        results = await asyncio.gather(*(_remind_one(notify, row) for row in rows))
        sent_ids = [pid for pid in results if pid is not None]
        if sent_ids:
            mark_escalated(sent_ids)
            log.info("escalated %d overdue permits", len(sent_ids))
        await asyncio.sleep(settings.sla_poll_seconds)
