from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import asyncpg

from svc.db.pg import connection


@dataclass(slots=True)
class InterviewRow:
    id: int
    application_id: int
    interviewer_id: int
    starts_at: datetime
    ends_at: datetime
    kind: str
    calendar_event_id: str | None
    status: str


def _row(r: asyncpg.Record) -> InterviewRow:
    return InterviewRow(**dict(r))


_COLUMNS = "id, application_id, interviewer_id, starts_at, ends_at, kind, calendar_event_id, status"


async def get(interview_id: int) -> InterviewRow | None:
    async with connection() as conn:
        r = await conn.fetchrow(f"SELECT {_COLUMNS} FROM interviews WHERE id = $1", interview_id)
    return _row(r) if r else None


async def for_application(application_id: int) -> list[InterviewRow]:
    async with connection() as conn:
        rows = await conn.fetch(
            f"SELECT {_COLUMNS} FROM interviews WHERE application_id = $1 ORDER BY starts_at",
            application_id,
        )
    return [_row(r) for r in rows]


async def interviewer_busy(interviewer_id: int, starts_at: datetime, ends_at: datetime) -> bool:
    async with connection() as conn:
        return await conn.fetchval(
            """
            SELECT EXISTS (
                SELECT 1 FROM interviews
                WHERE interviewer_id = $1 AND status = 'scheduled'
                  AND starts_at < $3 AND ends_at > $2
            )
            """,
            interviewer_id,
            starts_at,
            ends_at,
        )


async def insert(application_id: int, interviewer_id: int, starts_at: datetime, ends_at: datetime, kind: str) -> int:
    async with connection() as conn:
        return await conn.fetchval(
            """
            INSERT INTO interviews (application_id, interviewer_id, starts_at, ends_at, kind)
            VALUES ($1, $2, $3, $4, $5) RETURNING id
            """,
            application_id,
            interviewer_id,
            starts_at,
            ends_at,
            kind,
        )


async def set_calendar_event(interview_id: int, event_id: str) -> None:
    async with connection() as conn:
        await conn.execute("UPDATE interviews SET calendar_event_id = $2 WHERE id = $1", interview_id, event_id)


async def cancel(interview_id: int) -> None:
    async with connection() as conn:
        await conn.execute("UPDATE interviews SET status = 'cancelled' WHERE id = $1", interview_id)


async def upcoming_between(start: datetime, end: datetime) -> list[InterviewRow]:
    async with connection() as conn:
        rows = await conn.fetch(
            f"SELECT {_COLUMNS} FROM interviews WHERE starts_at >= $1 AND starts_at < $2 AND status = 'scheduled'",
            start,
            end,
        )
    return [_row(r) for r in rows]


async def add_reminders(interview_id: int, reminders: list[tuple[str, datetime]]) -> None:
    async with connection() as conn:
        await conn.executemany(
            "INSERT INTO interview_reminders (interview_id, channel, due_at) VALUES ($1, $2, $3)",
            [(interview_id, channel, due) for channel, due in reminders],
        )


async def due_reminders(now: datetime, limit: int = 200) -> list[asyncpg.Record]:
    async with connection() as conn:
        return await conn.fetch(
            """
            SELECT r.id, r.channel, r.interview_id, i.application_id, i.starts_at, i.interviewer_id
            FROM interview_reminders r JOIN interviews i ON i.id = r.interview_id
            WHERE r.sent_at IS NULL AND r.due_at <= $1 AND i.status = 'scheduled'
            ORDER BY r.due_at LIMIT $2
            """,
            now,
            limit,
        )


async def mark_reminder_sent(reminder_id: int) -> None:
    async with connection() as conn:
        await conn.execute("UPDATE interview_reminders SET sent_at = now() WHERE id = $1", reminder_id)
