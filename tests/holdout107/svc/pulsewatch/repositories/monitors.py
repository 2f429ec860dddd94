from __future__ import annotations

from datetime import datetime
from typing import Any, Iterable, Optional
from uuid import UUID

import asyncpg

_MONITOR_COLUMNS = (
    "id, org_id, team_id, name, kind, target, interval_s, timeout_s, regions, confirm_regions, "
    "expected_status, keyword, escalation_policy_id, enabled, next_run_at"
)


class MonitorRepository:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def get(self, monitor_id: UUID) -> Optional[asyncpg.Record]:
        return await self._pool.fetchrow(f"SELECT {_MONITOR_COLUMNS} FROM monitors WHERE id = $1", monitor_id)

    async def get_for_org(self, org_id: UUID, monitor_id: UUID) -> Optional[asyncpg.Record]:
        return await self._pool.fetchrow(
            f"SELECT {_MONITOR_COLUMNS} FROM monitors WHERE id = $1 AND org_id = $2", monitor_id, org_id
        )

    async def list_for_org(self, org_id: UUID) -> list[asyncpg.Record]:
        return await self._pool.fetch(
            f"SELECT {_MONITOR_COLUMNS} FROM monitors WHERE org_id = $1 ORDER BY name", org_id
        )

    async def get_many(self, monitor_ids: Iterable[UUID]) -> list[asyncpg.Record]:
        ids = list(monitor_ids)
        if not ids:
            return []
        return await self._pool.fetch(
            f"SELECT {_MONITOR_COLUMNS} FROM monitors WHERE id = ANY($1::uuid[])", ids
        )

    async def search_by_prefix(self, org_id: UUID, prefix: str, limit: int = 20) -> list[asyncpg.Record]:
        escaped = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        return await self._pool.fetch(
            f"SELECT {_MONITOR_COLUMNS} FROM monitors WHERE org_id = $1 AND name LIKE $2 || '%' ORDER BY name LIMIT $3",
            org_id,
            escaped,
            limit,
        )

    async def count_for_org(self, org_id: UUID) -> int:
        return await self._pool.fetchval("SELECT count(*) FROM monitors WHERE org_id = $1", org_id)

    async def insert_within_limit(self, org_id: UUID, data: dict[str, Any]) -> Optional[asyncpg.Record]:
        async with self._pool.acquire() as conn:
            async with conn.transaction():
                limit = await conn.fetchval(
                    "SELECT monitor_limit FROM organisations WHERE id = $1 FOR UPDATE", org_id
                )
                used = await conn.fetchval("SELECT count(*) FROM monitors WHERE org_id = $1", org_id)
                if limit is None or used >= limit:
                    return None
                row = await conn.fetchrow(
                    f"""
                    INSERT INTO monitors (org_id, team_id, name, kind, target, interval_s, timeout_s,
                                          regions, confirm_regions, expected_status, keyword,
                                          escalation_policy_id)
                    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
                    RETURNING {_MONITOR_COLUMNS}
                    """,
                    org_id,
                    data.get("team_id"),
                    data["name"],
                    data["kind"],
                    data["target"],
                    data.get("interval_s", 60),
                    data.get("timeout_s", 10),
                    data.get("regions"),
                    data.get("confirm_regions", 2),
                    data.get("expected_status"),
                    data.get("keyword"),
                    data.get("escalation_policy_id"),
                )
                await conn.execute(
                    "INSERT INTO monitor_state (monitor_id) VALUES ($1) ON CONFLICT DO NOTHING", row["id"]
                )
        return row

    async def update(self, monitor_id: UUID, fields: dict[str, Any]) -> Optional[asyncpg.Record]:
        allowed = {
            "name", "target", "interval_s", "timeout_s", "regions", "confirm_regions",
            "expected_status", "keyword", "escalation_policy_id", "enabled", "team_id",
        }
        sets = []
        values: list[Any] = [monitor_id]
        for key, value in fields.items():
            if key not in allowed:
                continue
            values.append(value)
            sets.append(f"{key} = ${len(values)}")
        if not sets:
            return await self.get(monitor_id)
        return await self._pool.fetchrow(
            f"UPDATE monitors SET {', '.join(sets)}, updated_at = now() WHERE id = $1 RETURNING {_MONITOR_COLUMNS}",
            *values,
        )

    async def delete(self, org_id: UUID, monitor_id: UUID) -> bool:
        result = await self._pool.execute("DELETE FROM monitors WHERE id = $1 AND org_id = $2", monitor_id, org_id)
        return result == "DELETE 1"

    async def get_state(self, monitor_id: UUID) -> Optional[asyncpg.Record]:
        return await self._pool.fetchrow("SELECT * FROM monitor_state WHERE monitor_id = $1", monitor_id)

    async def get_states(self, monitor_ids: Iterable[UUID]) -> dict[UUID, asyncpg.Record]:
        ids = list(monitor_ids)
        if not ids:
            return {}
        rows = await self._pool.fetch("SELECT * FROM monitor_state WHERE monitor_id = ANY($1::uuid[])", ids)
        return {row["monitor_id"]: row for row in rows}

    async def write_state(
        self,
        monitor_id: UUID,
        *,
        status: str,
        consecutive_failures: int,
        checked_at: datetime,
        latency_ms: Optional[int],
    ) -> None:
        await self._pool.execute(
            """
            UPDATE monitor_state
               SET status = $2, consecutive_failures = $3, last_checked_at = $4,
                   last_latency_ms = $5, updated_at = now()
             WHERE monitor_id = $1
            """,
            monitor_id,
            status,
            consecutive_failures,
            checked_at,
            latency_ms,
        )

    async def write_states(self, rows: list[tuple[UUID, str, int, datetime, Optional[int]]]) -> None:
        if not rows:
            return
        await self._pool.executemany(
            """
            UPDATE monitor_state
               SET status = $2, consecutive_failures = $3, last_checked_at = $4,
                   last_latency_ms = $5, updated_at = now()
             WHERE monitor_id = $1
            """,
            rows,
        )

    async def record_tls_expiry(self, monitor_id: UUID, expires_at: datetime) -> None:
        await self._pool.execute(
            "UPDATE monitor_state SET tls_expires_at = $2, updated_at = now() WHERE monitor_id = $1",
            monitor_id,
            expires_at,
        )

    async def claim_due(self, now: datetime, limit: int, lease_s: int = 30) -> list[asyncpg.Record]:
        async with self._pool.acquire(timeout=5.0) as conn:
            async with conn.transaction():
                return await conn.fetch(
                    f"""
                    WITH due AS (
                        SELECT id FROM monitors
                         WHERE enabled AND next_run_at <= $1
                           AND (claimed_until IS NULL OR claimed_until < $1)
                         ORDER BY next_run_at
                         LIMIT $2
                         FOR UPDATE SKIP LOCKED
                    )
                    UPDATE monitors m
                       SET claimed_until = $1 + make_interval(secs => $3),
                           next_run_at = $1 + make_interval(secs => m.interval_s)
                      FROM due
                     WHERE m.id = due.id
                    RETURNING {", ".join("m." + c.strip() for c in _MONITOR_COLUMNS.split(","))}
                    """,
                    now,
                    limit,
                    lease_s,
                )

    async def tls_monitors_expiring(self, before: datetime) -> list[asyncpg.Record]:
        return await self._pool.fetch(
            """
            SELECT m.id, m.org_id, m.name, m.target, m.escalation_policy_id, s.tls_expires_at
              FROM monitors m
              JOIN monitor_state s ON s.monitor_id = m.id
             WHERE m.kind = 'tls' AND m.enabled AND s.tls_expires_at < $1
            """,
            before,
        )

    async def enabled_ids(self) -> list[UUID]:
        rows = await self._pool.fetch("SELECT id FROM monitors WHERE enabled")
        return [row["id"] for row in rows]
