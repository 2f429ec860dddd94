"""Service alerts (asyncpg)."""
from __future__ import annotations

from datetime import datetime

import asyncpg

from transit.db.pool import Database
from transit.gtfs.decoder import AlertRecord


class AlertsRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def upsert(self, operator: str, alerts: list[AlertRecord], now: datetime) -> list[str]:
        """Returns the ids of alerts that are new or whose text changed."""
        changed: list[str] = []
        async with self._db.connection() as conn:
            async with conn.transaction():
                for a in alerts:
                    row = await conn.fetchrow(
                        """
                        INSERT INTO service_alerts (alert_id, operator, severity, header, description,
                                                    route_ids, stop_ids, active_from, active_until, updated_at)
                        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
                        ON CONFLICT (alert_id) DO UPDATE
                           SET severity = EXCLUDED.severity, header = EXCLUDED.header,
                               description = EXCLUDED.description, route_ids = EXCLUDED.route_ids,
                               stop_ids = EXCLUDED.stop_ids, active_from = EXCLUDED.active_from,
                               active_until = EXCLUDED.active_until, updated_at = EXCLUDED.updated_at,
                               fanned_out_at = CASE WHEN service_alerts.header IS DISTINCT FROM EXCLUDED.header
                                                    THEN NULL ELSE service_alerts.fanned_out_at END
                        RETURNING alert_id, fanned_out_at
                        """,
                        a.alert_id, operator, a.severity, a.header, a.description,
                        a.route_ids, a.stop_ids, a.active_from, a.active_until, now,
                    )
                    if row["fanned_out_at"] is None:
                        changed.append(row["alert_id"])
        return changed

    async def active(self, now: datetime, route_id: str | None = None) -> list[asyncpg.Record]:
        if route_id:
            return await self._db.fetch(
                """
                SELECT * FROM service_alerts
                 WHERE route_ids @> ARRAY[$1]::text[]
                   AND (active_until IS NULL OR active_until > $2)
                 ORDER BY updated_at DESC
                """,
                route_id,
                now,
            )
        return await self._db.fetch(
            "SELECT * FROM service_alerts WHERE active_until IS NULL OR active_until > $1 ORDER BY updated_at DESC LIMIT 200",
            now,
        )

    async def pending_fanout(self, limit: int = 50) -> list[asyncpg.Record]:
        return await self._db.fetch(
            "SELECT * FROM service_alerts WHERE fanned_out_at IS NULL ORDER BY updated_at LIMIT $1",
            limit,
        )

    async def claim_pending(self, limit: int = 50) -> list[asyncpg.Record]:
        async with self._db.connection() as conn:
            async with conn.transaction():
                return await conn.fetch(
                    """
                    UPDATE service_alerts SET fanned_out_at = now()
                     WHERE alert_id IN (
                        SELECT alert_id FROM service_alerts
                         WHERE fanned_out_at IS NULL
                         ORDER BY updated_at
                         LIMIT $1
                         FOR UPDATE SKIP LOCKED)
                    RETURNING *
                    """,
                    limit,
                )

    async def mark_fanned_out(self, alert_id: str, at: datetime) -> None:
        await self._db.execute("UPDATE service_alerts SET fanned_out_at = $2 WHERE alert_id = $1", alert_id, at)
