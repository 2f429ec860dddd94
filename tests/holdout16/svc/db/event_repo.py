"""Raw SQL access to the event tables (impressions, clicks, conversions)."""
from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

import asyncpg

from svc.config import settings
from svc.db.engine import connection
from svc.schemas import ClickEvent, ConversionEvent, ImpressionEvent

IMPRESSION_COLUMNS = tuple(ImpressionEvent.model_fields)


class EventRepository:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def ping(self) -> None:
        async with connection(self._pool) as conn:
            await conn.execute("SELECT 1")

    async def insert_impressions(self, events: Sequence[ImpressionEvent]) -> int:
        records = [event.as_record() for event in events]
        async with connection(self._pool) as conn:
            await conn.copy_records_to_table("impressions", records=records, columns=IMPRESSION_COLUMNS)
        return len(records)

    async def record_click(self, click: ClickEvent) -> bool:
        async with connection(self._pool) as conn:
            result = await conn.execute(
                "INSERT INTO clicks (click_id, impression_request_id, campaign_id, ts) "
                "VALUES ($1, $2, $3, $4) ON CONFLICT (click_id) DO NOTHING",
                click.click_id,
                click.impression_request_id,
                click.campaign_id,
                click.ts,
            )
        return result == "INSERT 0 1"

    async def click_by_id(self, click_id: str) -> asyncpg.Record | None:
        async with connection(self._pool) as conn:
            return await conn.fetchrow(
                "SELECT click_id, impression_request_id, campaign_id, ts FROM clicks WHERE click_id = $1",
                click_id,
            )

    async def record_conversion(self, conversion: ConversionEvent) -> bool:
        """Store a conversion postback once per advertiser order id."""
        conn = await self._pool.acquire(timeout=settings.db_acquire_timeout)
        seen = await conn.fetchval("SELECT id FROM conversions WHERE order_id = $1", conversion.order_id)
        if seen is not None:
            await self._pool.release(conn)
            return False
        await conn.execute(
            "INSERT INTO conversions (click_id, campaign_id, order_id, value, ts) VALUES ($1, $2, $3, $4, $5)",
            conversion.click_id,
            conversion.campaign_id,
            conversion.order_id,
            conversion.value,
            conversion.ts,
        )
        await self._pool.release(conn)
        return True

    async def impressions_in_window(
        self, campaign_id: int, start: datetime, end: datetime, *, limit: int
    ) -> list[asyncpg.Record]:
        async with connection(self._pool) as conn:
            return await conn.fetch(
                "SELECT request_id, creative_id, site_domain, price_cpm, ts FROM impressions "
                "WHERE campaign_id = $1 AND ts >= $2 AND ts < $3 ORDER BY ts LIMIT $4",
                campaign_id,
                start,
                end,
                limit,
            )

    async def impressions_for_creative(self, creative_id: int, since: datetime) -> list[asyncpg.Record]:
        async with self._pool.acquire() as conn:
            return await conn.fetch(
                "SELECT request_id, campaign_id, site_domain, price_cpm, ts FROM impressions "
                "WHERE creative_id = $1 AND ts >= $2 ORDER BY ts LIMIT 1000",
                creative_id,
                since,
            )
