from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from procurement.db.pg import pool


async def record(entity: str, entity_id: int, action: str, actor_id: int | None = None, detail: Any = None) -> None:
    async with pool().acquire(timeout=5) as conn:
        await conn.execute(
            "INSERT INTO audit_log (entity, entity_id, actor_id, action, detail) VALUES ($1, $2, $3, $4, $5::jsonb)",
            entity,
            entity_id,
            actor_id,
            action,
            json.dumps(detail, default=str),
        )


async def record_many(rows: Sequence[tuple[str, int, int | None, str, Any]]) -> None:
    async with pool().acquire(timeout=5) as conn:
        await conn.executemany(
            "INSERT INTO audit_log (entity, entity_id, actor_id, action, detail) VALUES ($1, $2, $3, $4, $5::jsonb)",
            [(e, i, a, act, json.dumps(d, default=str)) for e, i, a, act, d in rows],
        )


async def history(entity: str, entity_id: int) -> list[dict[str, Any]]:
    async with pool().acquire(timeout=5) as conn:
        rows = await conn.fetch(
            "SELECT action, actor_id, detail, created_at FROM audit_log WHERE entity = $1 AND entity_id = $2 "
            "ORDER BY created_at",
            entity,
            entity_id,
        )
    return [dict(r) for r in rows]


async def last_dunning_level(po_id: int) -> int:
    async with pool().acquire(timeout=5) as conn:
        level = await conn.fetchval("SELECT max(level) FROM dunning_log WHERE po_id = $1", po_id)
    return level or 0


async def last_dunning_levels(po_ids: list[int]) -> dict[int, int]:
    async with pool().acquire(timeout=5) as conn:
        rows = await conn.fetch(
            "SELECT po_id, max(level) AS level FROM dunning_log WHERE po_id = ANY($1::bigint[]) GROUP BY po_id",
            po_ids,
        )
    return {r["po_id"]: r["level"] for r in rows}


async def log_dunning(po_id: int, level: int, channel: str) -> None:
    async with pool().acquire(timeout=5) as conn:
        await conn.execute("INSERT INTO dunning_log (po_id, level, channel) VALUES ($1, $2, $3)", po_id, level, channel)
