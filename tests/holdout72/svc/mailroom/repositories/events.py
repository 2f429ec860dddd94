from __future__ import annotations

import json
import uuid
from collections.abc import Iterable
from datetime import datetime

import asyncpg

from mailroom.db import pg


async def record_event(
    tenant_id: uuid.UUID,
    campaign_id: int,
    message_id: int | None,
    kind: str,
    *,
    url: str | None = None,
    user_agent: str | None = None,
    ip: str | None = None,
    country: str | None = None,
) -> None:
    async with pg.pool().acquire() as conn:
        await conn.execute(
            """
            INSERT INTO email_events (tenant_id, campaign_id, message_id, kind, url, user_agent, ip, country)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
            """,
            tenant_id, campaign_id, message_id, kind, url, user_agent, ip, country,
        )


async def record_events(rows: Iterable[tuple]) -> None:
    async with pg.pool().acquire() as conn:
        await conn.copy_records_to_table(
            "email_events",
            records=list(rows),
            columns=["tenant_id", "campaign_id", "message_id", "kind", "url", "user_agent", "ip", "country"],
        )


async def counts_by_kind(campaign_id: int) -> dict[str, int]:
    async with pg.pool().acquire() as conn:
        rows = await conn.fetch(
            "SELECT kind, count(*) AS n FROM email_events WHERE campaign_id = $1 GROUP BY kind",
            campaign_id,
        )
    return {r["kind"]: r["n"] for r in rows}


async def timeline_for_message(message_id: int) -> list[asyncpg.Record]:
    async with pg.pool().acquire() as conn:
        return await conn.fetch(
            "SELECT kind, url, occurred_at FROM email_events WHERE message_id = $1 ORDER BY occurred_at",
            message_id,
        )


async def store_provider_event(provider: str, provider_message_id: str, kind: str, recipient: str, payload: dict) -> int:
    async with pg.pool().acquire() as conn:
        return await conn.fetchval(
            """
            INSERT INTO provider_events (provider, provider_message_id, kind, recipient, payload)
            VALUES ($1, $2, $3, $4, $5::jsonb) RETURNING id
            """,
            provider, provider_message_id, kind, recipient, json.dumps(payload),
        )


async def fetch_unprocessed(limit: int = 200) -> list[asyncpg.Record]:
    async with pg.pool().acquire() as conn:
        return await conn.fetch(
            "SELECT id, provider, provider_message_id, kind, recipient, payload FROM provider_events "
            "WHERE processed_at IS NULL ORDER BY received_at LIMIT $1",
            limit,
        )


async def mark_processed(ids: list[int]) -> None:
    async with pg.pool().acquire() as conn:
        await conn.execute("UPDATE provider_events SET processed_at = now() WHERE id = ANY($1::bigint[])", ids)


async def hourly_rollup(since: datetime) -> int:
    async with pg.pool().acquire() as conn:
        status = await conn.execute(
            """
            INSERT INTO campaign_stats_hourly (campaign_id, hour, opens, clicks, bounces, complaints)
            SELECT campaign_id, date_trunc('hour', occurred_at),
                   count(*) FILTER (WHERE kind = 'open'),
                   count(*) FILTER (WHERE kind = 'click'),
                   count(*) FILTER (WHERE kind = 'bounce'),
                   count(*) FILTER (WHERE kind = 'complaint')
            FROM email_events WHERE occurred_at >= $1
            GROUP BY 1, 2
            ON CONFLICT (campaign_id, hour) DO UPDATE SET
                opens = EXCLUDED.opens, clicks = EXCLUDED.clicks,
                bounces = EXCLUDED.bounces, complaints = EXCLUDED.complaints
            """,
            since,
        )
    return int(status.split()[-1])
