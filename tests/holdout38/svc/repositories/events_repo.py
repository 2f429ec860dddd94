from __future__ import annotations

from dataclasses import dataclass, field
import json

import asyncpg


@dataclass(slots=True)
class AuditEvent:
    actor_id: str
    action: str
    subject_type: str
    subject_id: str
    detail: dict = field(default_factory=dict)


class AuditRepository:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self.pool = pool

    async def record(self, event: AuditEvent) -> None:
        async with self.pool.acquire(timeout=5) as conn:
            await conn.execute(
                "INSERT INTO audit_events (actor_id, action, subject_type, subject_id, detail) VALUES ($1, $2, $3, $4, $5)",
                event.actor_id,
                event.action,
                event.subject_type,
                event.subject_id,
                json.dumps(event.detail),
            )

    async def record_many(self, events: list[AuditEvent]) -> None:
        rows = [(e.actor_id, e.action, e.subject_type, e.subject_id, json.dumps(e.detail)) for e in events]
        async with self.pool.acquire(timeout=5) as conn:
            await conn.executemany(
                "INSERT INTO audit_events (actor_id, action, subject_type, subject_id, detail) VALUES ($1, $2, $3, $4, $5)",
                rows,
            )

    async def history(self, subject_type: str, subject_id: str, limit: int = 100) -> list[asyncpg.Record]:
        async with self.pool.acquire(timeout=5) as conn:
            return await conn.fetch(
                "SELECT actor_id, action, detail, created_at FROM audit_events "
                "WHERE subject_type = $1 AND subject_id = $2 ORDER BY created_at DESC LIMIT $3",
                subject_type,
                subject_id,
                limit,
            )


class VisitEventRepository:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self.pool = pool

    async def append(self, room_id: str, participant_id: str, kind: str, payload: dict | None = None) -> None:
        conn = await self.pool.acquire()
        await conn.execute(
            "INSERT INTO visit_events (room_id, participant_id, kind, payload) VALUES ($1, $2, $3, $4)",
            room_id,
            participant_id,
            kind,
            json.dumps(payload) if payload is not None else None,
        )
        await self.pool.release(conn)

    async def room_timeline(self, room_id: str) -> list[asyncpg.Record]:
        async with self.pool.acquire(timeout=5) as conn:
            return await conn.fetch(
                "SELECT participant_id, kind, payload, created_at FROM visit_events WHERE room_id = $1 ORDER BY id",
                room_id,
            )

    async def reminder_already_sent(self, appointment_id: str, channel: str) -> bool:
        async with self.pool.acquire(timeout=5) as conn:
            found = await conn.fetchval(
                "SELECT 1 FROM reminder_log WHERE appointment_id = $1 AND channel = $2",
                appointment_id,
                channel,
            )
        return found is not None

    async def log_reminder(self, appointment_id: str, channel: str) -> bool:
        async with self.pool.acquire(timeout=5) as conn:
            status = await conn.execute(
                "INSERT INTO reminder_log (appointment_id, channel) VALUES ($1, $2) ON CONFLICT DO NOTHING",
                appointment_id,
                channel,
            )
        return status.endswith(" 1")
