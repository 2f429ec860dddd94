from __future__ import annotations

from datetime import datetime

import asyncpg


class AlarmRepository:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def raise_alarm(self, site_id: int, asset_id: int | None, code: str, severity: int, at: datetime) -> int:
        async with self._pool.acquire(timeout=5) as conn:
            return await conn.fetchval(
                "INSERT INTO alarms (site_id, asset_id, code, severity, raised_at) "
                "VALUES ($1, $2, $3, $4, $5) RETURNING id",
                site_id, asset_id, code, severity, at,
            )

    async def active_for_asset(self, asset_id: int, code: str) -> asyncpg.Record | None:
        async with self._pool.acquire(timeout=5) as conn:
            return await conn.fetchrow(
                "SELECT id, severity FROM alarms WHERE asset_id = $1 AND code = $2 AND cleared_at IS NULL",
                asset_id, code,
            )

    async def unacked_for_site(self, site_id: int, since: datetime) -> list[asyncpg.Record]:
        async with self._pool.acquire(timeout=5) as conn:
            return await conn.fetch(
                "SELECT * FROM alarms WHERE site_id = $1 AND raised_at >= $2 AND acknowledged_at IS NULL "
                "ORDER BY raised_at DESC LIMIT 500",
                site_id, since,
            )

    async def acknowledge(self, alarm_id: int, operator: str, at: datetime) -> bool:
        async with self._pool.acquire(timeout=5) as conn:
            row = await conn.fetchrow(
                "UPDATE alarms SET acknowledged_at = $3, acknowledged_by = $2 "
                "WHERE id = $1 AND acknowledged_at IS NULL RETURNING id",
                alarm_id, operator, at,
            )
        return row is not None

    async def escalation_candidates(self, site_ids: list[int], older_than: datetime) -> list[asyncpg.Record]:
        async with self._pool.acquire(timeout=5) as conn:
            return await conn.fetch(
                "SELECT id, site_id, asset_id, code, severity, escalation_level FROM alarms "
                "WHERE site_id = ANY($1::int[]) AND raised_at < $2 AND acknowledged_at IS NULL "
                "AND cleared_at IS NULL ORDER BY raised_at LIMIT 200",
                site_ids, older_than,
            )

    async def bump_escalation(self, alarm_id: int, expected_level: int) -> bool:
        async with self._pool.acquire(timeout=5) as conn:
            status = await conn.execute(
                "UPDATE alarms SET escalation_level = escalation_level + 1 "
                "WHERE id = $1 AND escalation_level = $2",
                alarm_id, expected_level,
            )
        return status.endswith(" 1")

    async def clear(self, alarm_id: int, at: datetime) -> None:
        async with self._pool.acquire(timeout=5) as conn:
            await conn.execute("UPDATE alarms SET cleared_at = $2 WHERE id = $1 AND cleared_at IS NULL", alarm_id, at)

    async def get(self, alarm_id: int) -> asyncpg.Record | None:
        async with self._pool.acquire(timeout=5) as conn:
            return await conn.fetchrow("SELECT * FROM alarms WHERE id = $1", alarm_id)
