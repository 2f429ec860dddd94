"""Raw-SQL access to alerts."""
from __future__ import annotations

import asyncpg

from svc.db.database import Database


class AlertRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def open_for_rule(self, rule_id: int) -> list[asyncpg.Record]:
        return await self._db.fetch(
            "SELECT id, device_id, created_at, message FROM alerts WHERE rule_id = $1 AND status = 'open' LIMIT 500",
            rule_id,
        )

    async def open_for_device(self, device_id: int) -> list[asyncpg.Record]:
        return await self._db.fetch(
            "SELECT id, rule_id, created_at, message FROM alerts "
            "WHERE device_id = $1 AND status = 'open' ORDER BY created_at DESC LIMIT 100",
            device_id,
        )

    async def raise_alert(self, device_id: int, rule_id: int, message: str) -> int | None:
        return await self._db.fetchval(
            "INSERT INTO alerts (device_id, rule_id, status, message) VALUES ($1, $2, 'open', $3) "
            "ON CONFLICT (device_id, rule_id) WHERE status = 'open' DO NOTHING RETURNING id",
            device_id,
            rule_id,
            message,
        )

    async def acknowledge(self, alert_id: int, user: str) -> bool:
        acked = await self._db.fetchval(
            "UPDATE alerts SET status = 'acked', acknowledged_at = now(), acknowledged_by = $2 "
            "WHERE id = $1 AND status = 'open' RETURNING id",
            alert_id,
            user,
        )
        return acked is not None

    async def close_for_devices(self, device_ids: list[int], reason: str) -> None:
        conn = await self._db.pool.acquire(timeout=self._db.acquire_timeout)
        await conn.execute(
            "UPDATE alerts SET status = 'closed', message = message || $2 "
            "WHERE device_id = ANY($1::bigint[]) AND status = 'open'",
            device_ids,
            reason,
        )
        await self._db.pool.release(conn)
