from __future__ import annotations

from datetime import datetime
from typing import Any, Sequence
from uuid import UUID

from homegrid.models import Command
from homegrid.db.pool import Repository

_CMD = (
    "id, device_id, dr_event_id, kind, payload, status, attempts, next_attempt_at, "
    "correlation_id, acked_at"
)


class CommandRepository(Repository):
    async def create_many(
        self, items: Sequence[tuple[UUID, UUID | None, str, dict[str, Any], str]]
    ) -> list[Command]:
        async with self.db.transaction() as conn:
            rows = await conn.fetch(
                f"""
                INSERT INTO commands (device_id, dr_event_id, kind, payload, correlation_id)
                SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::jsonb[], $5::text[])
                RETURNING {_CMD}
                """,
                [i[0] for i in items], [i[1] for i in items], [i[2] for i in items],
                [i[3] for i in items], [i[4] for i in items],
            )
        return [Command(**dict(r)) for r in rows]

    async def get(self, command_id: UUID) -> Command | None:
        async with self.db.connection() as conn:
            row = await conn.fetchrow(f"SELECT {_CMD} FROM commands WHERE id = $1", command_id)
        return Command(**dict(row)) if row else None

    async def by_correlation(self, correlation_id: str) -> Command | None:
        async with self.db.connection() as conn:
            row = await conn.fetchrow(
                f"SELECT {_CMD} FROM commands WHERE correlation_id = $1", correlation_id
            )
        return Command(**dict(row)) if row else None

    async def claim_due(self, now: datetime, limit: int, max_attempts: int) -> list[Command]:
        async with self.db.transaction() as conn:
            rows = await conn.fetch(
                f"""
                UPDATE commands SET status = 'sending', attempts = attempts + 1
                WHERE id IN (
                    SELECT id FROM commands
                    WHERE status IN ('pending', 'retry') AND next_attempt_at <= $1
                      AND attempts < $3
                    ORDER BY next_attempt_at
                    LIMIT $2
                    FOR UPDATE SKIP LOCKED
                )
                RETURNING {_CMD}
                """,
                now, limit, max_attempts,
            )
        return [Command(**dict(r)) for r in rows]

    async def bump_attempts(self, command_id: UUID, next_attempt_at: datetime) -> int:
        async with self.db.connection() as conn:
            return await conn.fetchval(
                """
                UPDATE commands SET attempts = attempts + 1, status = 'retry', next_attempt_at = $2
                WHERE id = $1 RETURNING attempts
                """,
                command_id, next_attempt_at,
            )

    async def set_attempts(self, command_id: UUID, attempts: int, status: str) -> None:
        async with self.db.connection() as conn:
            await conn.execute(
                "UPDATE commands SET attempts = $2, status = $3 WHERE id = $1",
                command_id, attempts, status,
            )

    async def schedule_retry(self, command_id: UUID, next_attempt_at: datetime, error: str) -> None:
        async with self.db.connection() as conn:
            await conn.execute(
                """
                UPDATE commands SET status = 'retry', next_attempt_at = $2, last_error = $3
                WHERE id = $1
                """,
                command_id, next_attempt_at, error,
            )

    async def mark_acked(self, command_id: UUID, at: datetime) -> bool:
        async with self.db.connection() as conn:
            result = await conn.execute(
                "UPDATE commands SET status = 'acked', acked_at = $2 WHERE id = $1 AND acked_at IS NULL",
                command_id, at,
            )
        return result.endswith(" 1")

    async def mark_failed(self, command_id: UUID, error: str) -> None:
        async with self.db.connection() as conn:
            await conn.execute(
                "UPDATE commands SET status = 'failed', last_error = $2 WHERE id = $1", command_id, error
            )

    async def mark_sent(self, command_ids: Sequence[UUID]) -> None:
        async with self.db.connection() as conn:
            await conn.execute(
                "UPDATE commands SET status = 'sent' WHERE id = ANY($1::uuid[])", list(command_ids)
            )

    async def list_for_event(self, event_id: UUID) -> list[Command]:
        async with self.db.connection() as conn:
            rows = await conn.fetch(
                f"SELECT {_CMD} FROM commands WHERE dr_event_id = $1", event_id
            )
        return [Command(**dict(r)) for r in rows]

    async def recent_for_device(self, device_id: UUID, before: datetime, limit: int) -> list[Command]:
        async with self.db.connection() as conn:
            rows = await conn.fetch(
                f"""
                SELECT {_CMD} FROM commands
                WHERE device_id = $1 AND created_at < $2
                ORDER BY created_at DESC LIMIT $3
                """,
                device_id, before, limit,
            )
        return [Command(**dict(r)) for r in rows]

    async def stuck_sending(self, older_than: datetime, limit: int) -> list[UUID]:
        async with self.db.connection() as conn:
            rows = await conn.fetch(
                """
                SELECT id FROM commands
                WHERE status = 'sending' AND next_attempt_at < $1
                ORDER BY next_attempt_at LIMIT $2
                """,
                older_than, limit,
            )
        return [r["id"] for r in rows]
