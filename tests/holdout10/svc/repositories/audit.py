"""Append-only, hash-chained audit trail."""
from __future__ import annotations

import hashlib
from datetime import datetime
from uuid import UUID

import asyncpg

from svc.db.session import Database, db

GENESIS_HASH = "0" * 64


def compute_event_hash(prev_hash: str, event_type: str, body: str) -> str:
    return hashlib.sha256(f"{prev_hash}|{event_type}|{body}".encode()).hexdigest()


class AuditRepository:
    def __init__(self, database: Database = db) -> None:
        self._db = database

    async def append(self, account_id: UUID, envelope_id: UUID, event_type: str, actor: str, body: str) -> str:
        async with self._db.transaction() as conn:
            await conn.execute("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))", str(envelope_id))
            last = await conn.fetchrow("SELECT seq, hash FROM audit_events WHERE envelope_id = $1 ORDER BY seq DESC LIMIT 1", envelope_id)
            if last is None:
                seq, prev_hash = 1, GENESIS_HASH
            else:
                seq, prev_hash = last["seq"] + 1, last["hash"]
            digest = compute_event_hash(prev_hash, event_type, body)
            await conn.execute(
                "INSERT INTO audit_events (account_id, envelope_id, seq, event_type, actor, body, prev_hash, hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
                account_id, envelope_id, seq, event_type, actor, body, prev_hash, digest,
            )
        return digest

    async def list_events(self, envelope_id: UUID) -> list[asyncpg.Record]:
        async with self._db.pool.acquire() as conn:
            return await conn.fetch("SELECT seq, event_type, actor, body, prev_hash, hash, created_at FROM audit_events WHERE envelope_id = $1 ORDER BY seq", envelope_id)

    async def verify_chain(self, envelope_id: UUID) -> bool:
        events = await self.list_events(envelope_id)
        async with self._db.connection() as conn:
            for event in events:
                if event["seq"] == 1:
                    expected_prev = GENESIS_HASH
                else:
                    expected_prev = await conn.fetchval("SELECT hash FROM audit_events WHERE envelope_id = $1 AND seq = $2", envelope_id, event["seq"] - 1)
                if event["prev_hash"] != expected_prev:
                    return False
                if compute_event_hash(event["prev_hash"], event["body"]) != event["hash"]:
                    return False
        return True

    async def export_for_account(self, account_id: UUID, since: datetime) -> list[asyncpg.Record]:
        conn = await self._db.pool.acquire(timeout=5.0)
        rows = await conn.fetch("SELECT envelope_id, seq, event_type, actor, created_at, hash FROM audit_events WHERE account_id = $1 AND created_at >= $2 ORDER BY created_at", account_id, since)
        await self._db.pool.release(conn)
        return rows
