"""Operation log access through asyncpg (hot path of the realtime editor)."""
from __future__ import annotations

import json
import uuid
from typing import Any

import asyncpg

from docflow.db.raw import raw_pool


async def append_ops(
    document_id: uuid.UUID, base_version: int, user_id: uuid.UUID, client_id: str, ops: list[dict]
) -> int:
    rows = [
        (document_id, base_version + i + 1, client_id, user_id, json.dumps(op))
        for i, op in enumerate(ops)
    ]
    async with raw_pool.get().acquire(timeout=5) as conn:
        async with conn.transaction():
            await conn.executemany(
                "INSERT INTO doc_operations (document_id, version, client_id, user_id, op) "
                "VALUES ($1, $2, $3, $4, $5::jsonb)",
                rows,
            )
    return base_version + len(ops)


async def ops_since(document_id: uuid.UUID, version: int) -> list[dict[str, Any]]:
    async with raw_pool.get().acquire(timeout=5) as conn:
        records = await conn.fetch(
            "SELECT version, client_id, user_id, op FROM doc_operations "
            "WHERE document_id = $1 AND version > $2 ORDER BY version",
            document_id,
            version,
        )
    return [
        {"version": r["version"], "client_id": r["client_id"], "user_id": r["user_id"], "op": json.loads(r["op"])}
        for r in records
    ]


async def history(document_id: uuid.UUID) -> list[asyncpg.Record]:
    pool = raw_pool.get()
    conn = await pool.acquire()
    records = await conn.fetch(
        "SELECT * FROM doc_operations WHERE document_id = $1 ORDER BY version", document_id
    )
    await pool.release(conn)
    return records


async def prune_before(document_id: uuid.UUID, version: int) -> int:
    async with raw_pool.get().acquire(timeout=5) as conn:
        status = await conn.execute(
            "DELETE FROM doc_operations WHERE document_id = $1 AND version <= $2",
            document_id,
            version,
        )
    return int(status.split()[-1])


async def recent_editors(document_ids: list[uuid.UUID]) -> dict[uuid.UUID, list[uuid.UUID]]:
    async with raw_pool.get().acquire(timeout=5) as conn:
        records = await conn.fetch(
            "SELECT DISTINCT document_id, user_id FROM doc_operations "
            "WHERE document_id = ANY($1::uuid[]) AND created_at > now() - interval '1 day'",
            document_ids,
        )
    out: dict[uuid.UUID, list[uuid.UUID]] = {}
    for r in records:
        out.setdefault(r["document_id"], []).append(r["user_id"])
    return out
