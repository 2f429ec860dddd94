from __future__ import annotations

from datetime import datetime
from uuid import UUID

from homegrid.errors import NotFound
from homegrid.models import DREvent, DREventIn, Participation
from homegrid.db.pool import Repository

_EV = "id, utility_id, external_id, region, starts_at, ends_at, target_kw, opt_out_minutes, status"


class DREventRepository(Repository):
    async def upsert(self, utility_id: str, data: DREventIn) -> DREvent:
        async with self.db.connection() as conn:
            row = await conn.fetchrow(
                f"""
                INSERT INTO dr_events (utility_id, external_id, region, starts_at, ends_at,
                                       target_kw, opt_out_minutes)
                VALUES ($1, $2, $3, $4, $5, $6, $7)
                ON CONFLICT (external_id) DO UPDATE
                SET starts_at = EXCLUDED.starts_at, ends_at = EXCLUDED.ends_at,
                    target_kw = EXCLUDED.target_kw
                RETURNING {_EV}
                """,
                utility_id, data.external_id, data.region, data.starts_at, data.ends_at,
                data.target_kw, data.opt_out_minutes,
            )
        return DREvent(**dict(row))

    async def get(self, event_id: UUID) -> DREvent:
        async with self.db.connection() as conn:
            row = await conn.fetchrow(f"SELECT {_EV} FROM dr_events WHERE id = $1", event_id)
        if row is None:
            raise NotFound("event not found")
        return DREvent(**dict(row))

    async def due_for_dispatch(self, now: datetime, lead_seconds: int) -> list[DREvent]:
        async with self.db.connection() as conn:
            rows = await conn.fetch(
                f"""
                SELECT {_EV} FROM dr_events
                WHERE status = 'scheduled' AND starts_at <= $1 + make_interval(secs => $2)
                ORDER BY starts_at LIMIT 20
                """,
                now, lead_seconds,
            )
        return [DREvent(**dict(r)) for r in rows]

    async def claim_for_dispatch(self, now: datetime, lead_seconds: int) -> list[DREvent]:
        async with self.db.transaction() as conn:
            rows = await conn.fetch(
                f"""
                UPDATE dr_events SET status = 'dispatching'
                WHERE id IN (
                    SELECT id FROM dr_events
                    WHERE status IN ('scheduled', 'notified') AND starts_at <= $1 + make_interval(secs => $2)
                    ORDER BY starts_at LIMIT 20
                    FOR UPDATE SKIP LOCKED
                )
                RETURNING {_EV}
                """,
                now, lead_seconds,
            )
        return [DREvent(**dict(r)) for r in rows]

    async def set_status(self, event_id: UUID, status: str) -> None:
        async with self.db.connection() as conn:
            await conn.execute("UPDATE dr_events SET status = $2 WHERE id = $1", event_id, status)

    async def get_participation(self, event_id: UUID, household_id: UUID) -> Participation | None:
        async with self.db.connection() as conn:
            row = await conn.fetchrow(
                """
                SELECT id, event_id, household_id, status, opted_out_at FROM dr_participations
                WHERE event_id = $1 AND household_id = $2
                """,
                event_id, household_id,
            )
        return Participation(**dict(row)) if row else None

    async def insert_participation(self, event_id: UUID, household_id: UUID) -> Participation:
        async with self.db.connection() as conn:
            row = await conn.fetchrow(
                """
                INSERT INTO dr_participations (event_id, household_id)
                VALUES ($1, $2)
                RETURNING id, event_id, household_id, status, opted_out_at
                """,
                event_id, household_id,
            )
        return Participation(**dict(row))

    async def enroll_households(self, event_id: UUID, household_ids: list[UUID]) -> int:
        async with self.db.transaction() as conn:
            await conn.execute("SELECT pg_advisory_xact_lock(hashtext($1))", str(event_id))
            result = await conn.execute(
                """
                INSERT INTO dr_participations (event_id, household_id)
                SELECT $1, h FROM unnest($2::uuid[]) AS h
                WHERE NOT EXISTS (
                    SELECT 1 FROM dr_participations p WHERE p.event_id = $1 AND p.household_id = h
                )
                """,
                event_id, household_ids,
            )
        return int(result.split()[-1])

    async def opt_out(self, event_id: UUID, household_id: UUID, at: datetime) -> bool:
        async with self.db.connection() as conn:
            result = await conn.execute(
                """
                UPDATE dr_participations SET status = 'opted_out', opted_out_at = $3
                WHERE event_id = $1 AND household_id = $2 AND status = 'enrolled'
                """,
                event_id, household_id, at,
            )
        return result.endswith(" 1")

    async def enrolled_households(self, event_id: UUID) -> list[UUID]:
        async with self.db.connection() as conn:
            rows = await conn.fetch(
                "SELECT household_id FROM dr_participations WHERE event_id = $1 AND status = 'enrolled'",
                event_id,
            )
        return [r["household_id"] for r in rows]

    async def claim_ended(self, now: datetime, limit: int = 10) -> list[DREvent]:
        async with self.db.transaction() as conn:
            rows = await conn.fetch(
                f"""
                UPDATE dr_events SET status = 'settling'
                WHERE id IN (
                    SELECT id FROM dr_events
                    WHERE status = 'active' AND ends_at <= $1
                    ORDER BY ends_at LIMIT $2
                    FOR UPDATE SKIP LOCKED
                )
                RETURNING {_EV}
                """,
                now, limit,
            )
        return [DREvent(**dict(r)) for r in rows]

    async def upcoming_for_household(self, household_id: UUID, now: datetime) -> list[DREvent]:
        async with self.db.connection() as conn:
            rows = await conn.fetch(
                """
                SELECT e.id, e.utility_id, e.external_id, e.region, e.starts_at, e.ends_at,
                       e.target_kw, e.opt_out_minutes, e.status
                FROM dr_events e
                JOIN dr_participations p ON p.event_id = e.id
                WHERE p.household_id = $1 AND e.ends_at > $2
                ORDER BY e.starts_at
                LIMIT 20
                """,
                household_id, now,
            )
        return [DREvent(**dict(r)) for r in rows]
