"""Raw SQL for the per-scan path. Every gate tap goes through here, keep it lean."""
from __future__ import annotations

from datetime import date, datetime

import asyncpg

ACQUIRE_TIMEOUT = 1.0


class GateRepository:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def lookup_media(self, uid: str) -> asyncpg.Record | None:
        async with self._pool.acquire(timeout=ACQUIRE_TIMEOUT) as conn:
            return await conn.fetchrow(
                "SELECT uid, pass_id, ticket_id, blocked FROM access_media WHERE uid = $1", uid
            )

    async def recent_scan_exists(self, uid: str, lift_id: int, since: datetime) -> bool:
        async with self._pool.acquire(timeout=ACQUIRE_TIMEOUT) as conn:
            hit = await conn.fetchval(
                """
                SELECT 1 FROM gate_scans
                WHERE media_uid = $1 AND lift_id = $2 AND scanned_at > $3
                LIMIT 1
                """,
                uid,
                lift_id,
                since,
            )
        return hit is not None

    async def ticket_rides_used(self, ticket_id: int) -> int:
        async with self._pool.acquire(timeout=ACQUIRE_TIMEOUT) as conn:
            return await conn.fetchval(
                "SELECT count(*) FROM gate_scans WHERE ticket_id = $1 AND result = 'ok'", ticket_id
            )

    async def record_scan(
        self,
        gate_id: str,
        lift_id: int,
        uid: str,
        pass_id: int | None,
        ticket_id: int | None,
        result: str,
    ) -> None:
        conn = await self._pool.acquire()
        await conn.execute(
            "INSERT INTO gate_scans (gate_id, lift_id, media_uid, pass_id, ticket_id, result) "
            "VALUES ($1, $2, $3, $4, $5, $6)",
            gate_id,
            lift_id,
            uid,
            pass_id,
            ticket_id,
            result,
        )
        await self._pool.release(conn)

    async def bump_daily_usage(self, pass_id: int, day: date, at: datetime) -> int:
        async with self._pool.acquire(timeout=ACQUIRE_TIMEOUT) as conn:
            return await conn.fetchval(
                """
                INSERT INTO pass_daily_usage (pass_id, usage_date, rides, first_scan)
                VALUES ($1, $2, 1, $3)
                ON CONFLICT (pass_id, usage_date)
                DO UPDATE SET rides = pass_daily_usage.rides + 1
                RETURNING rides
                """,
                pass_id,
                day,
                at,
            )

    async def lift_scan_counts(self, lift_ids: list[int], since: datetime) -> dict[int, int]:
        async with self._pool.acquire(timeout=ACQUIRE_TIMEOUT) as conn:
            rows = await conn.fetch(
                """
                SELECT lift_id, count(*) AS n FROM gate_scans
                WHERE lift_id = ANY($1::int[]) AND scanned_at >= $2 AND result = 'ok'
                GROUP BY lift_id
                """,
                lift_ids,
                since,
            )
        return {r["lift_id"]: r["n"] for r in rows}

    async def pass_scans_on(self, pass_id: int, day: date) -> int:
        async with self._pool.acquire(timeout=ACQUIRE_TIMEOUT) as conn:
            return await conn.fetchval(
                "SELECT count(*) FROM gate_scans WHERE pass_id = $1 "
                "AND scanned_at >= $2::date AND scanned_at < ($2::date + 1) AND result = 'ok'",
                pass_id,
                day,
            )

    async def scans_for_day(self, day: date) -> list[asyncpg.Record]:
        async with self._pool.acquire(timeout=ACQUIRE_TIMEOUT) as conn:
            return await conn.fetch("SELECT * FROM gate_scans WHERE scanned_at::date = $1", day)

    async def usage_for_day(self, day: date) -> list[asyncpg.Record]:
        async with self._pool.acquire(timeout=ACQUIRE_TIMEOUT) as conn:
            return await conn.fetch(
                "SELECT pass_id, rides FROM pass_daily_usage WHERE usage_date = $1", day
            )

    async def block_media(self, uids: list[str]) -> None:
        async with self._pool.acquire(timeout=ACQUIRE_TIMEOUT) as conn:
            async with conn.transaction():
                await conn.executemany(
                    "UPDATE access_media SET blocked = true, updated_at = now() WHERE uid = $1",
                    [(u,) for u in uids],
                )
