"""Push device tokens and the notification outbox (asyncpg)."""
from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Sequence
from datetime import timedelta
from typing import Any

import asyncpg

from ..db import pg_connection


class DeviceRepository:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def register(self, user_id: int, token: str, platform: str) -> None:
        async with pg_connection(self._pool) as conn:
            await conn.execute(
                """
                INSERT INTO push_devices (user_id, token, platform, last_seen_at)
                VALUES ($1, $2, $3, now())
                ON CONFLICT (user_id, token) DO UPDATE SET platform = EXCLUDED.platform, last_seen_at = now(), disabled_at = NULL
                """,
                user_id,
                token,
                platform,
            )

    async def tokens_for(self, user_id: int) -> list[str]:
        async with pg_connection(self._pool) as conn:
            rows = await conn.fetch("SELECT token FROM push_devices WHERE user_id = $1 AND disabled_at IS NULL", user_id)
        return [row["token"] for row in rows]

    async def tokens_for_users(self, user_ids: Sequence[int]) -> dict[int, list[str]]:
        async with pg_connection(self._pool) as conn:
            rows = await conn.fetch(
                "SELECT user_id, token FROM push_devices WHERE user_id = ANY($1::bigint[]) AND disabled_at IS NULL",
                list(user_ids),
            )
        tokens: dict[int, list[str]] = defaultdict(list)
        for row in rows:
            tokens[row["user_id"]].append(row["token"])
        return tokens

    async def disable_token(self, token: str) -> None:
        async with pg_connection(self._pool) as conn:
            await conn.execute("UPDATE push_devices SET disabled_at = now() WHERE token = $1", token)


class OutboxRepository:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def enqueue(self, user_id: int, kind: str, payload: dict[str, Any], delay: timedelta = timedelta()) -> None:
        async with pg_connection(self._pool) as conn:
            await conn.execute(
                "INSERT INTO notification_outbox (user_id, kind, payload, deliver_after) VALUES ($1, $2, $3::jsonb, now() + $4)",
                user_id,
                kind,
                json.dumps(payload),
                delay,
            )

    async def pending_for(self, user_id: int) -> list[asyncpg.Record]:
        async with pg_connection(self._pool) as conn:
            return await conn.fetch(
                "SELECT id, kind, payload FROM notification_outbox WHERE user_id = $1 AND sent_at IS NULL ORDER BY id",
                user_id,
            )

    async def claim_due(self, limit: int) -> list[asyncpg.Record]:
        async with pg_connection(self._pool) as conn:
            return await conn.fetch("SELECT id, user_id, kind, payload FROM notification_outbox WHERE sent_at IS NULL AND deliver_after <= now() ORDER BY deliver_after LIMIT $1", limit)

    async def mark_sent(self, ids: Sequence[int]) -> None:
        if not ids:
            return
        async with pg_connection(self._pool) as conn:
            await conn.execute("UPDATE notification_outbox SET sent_at = now() WHERE id = ANY($1::bigint[])", list(ids))
