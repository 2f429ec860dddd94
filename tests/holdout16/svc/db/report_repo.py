"""Reporting queries over daily_stats and the raw event tables."""
from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

import asyncpg

from svc.db.engine import connection


class ReportRepository:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def campaign_totals(self, campaign_ids: Sequence[int], day_from: date, day_to: date) -> list[asyncpg.Record]:
        async with connection(self._pool) as conn:
            return await conn.fetch(
                "SELECT campaign_id, sum(impressions) AS impressions, sum(clicks) AS clicks, "
                "sum(conversions) AS conversions, sum(spend) AS spend FROM daily_stats "
                "WHERE campaign_id = ANY($1::bigint[]) AND day BETWEEN $2 AND $3 GROUP BY campaign_id",
                list(campaign_ids),
                day_from,
                day_to,
            )

    async def daily_rows(self, campaign_ids: Sequence[int], day_from: date, day_to: date) -> list[asyncpg.Record]:
        async with connection(self._pool) as conn:
            return await conn.fetch(
                "SELECT campaign_id, day, impressions, clicks, spend FROM daily_stats "
                "WHERE campaign_id = ANY($1::bigint[]) AND day BETWEEN $2 AND $3 ORDER BY day",
                list(campaign_ids),
                day_from,
                day_to,
            )

    async def clicks_page(self, campaign_id: int, page: int, page_size: int) -> list[asyncpg.Record]:
        async with connection(self._pool) as conn:
            return await conn.fetch(
                "SELECT click_id, impression_request_id, ts FROM clicks WHERE campaign_id = $1 "
                "ORDER BY ts DESC LIMIT $2 OFFSET $3",
                campaign_id,
                page_size,
                page * page_size,
            )

    async def clicks_for_campaign(self, campaign_id: int, start: datetime, end: datetime) -> list[asyncpg.Record]:
        async with connection(self._pool) as conn:
            return await conn.fetch(
                "SELECT click_id, impression_request_id, ts FROM clicks "
                "WHERE campaign_id = $1 AND ts >= $2 AND ts < $3 LIMIT 20000",
                campaign_id,
                start,
                end,
            )

    async def impressions_after(
        self, campaign_id: int, after_ts: datetime, after_id: int, limit: int
    ) -> list[asyncpg.Record]:
        async with connection(self._pool) as conn:
            return await conn.fetch(
                "SELECT id, request_id, creative_id, site_domain, price_cpm, ts FROM impressions "
                "WHERE campaign_id = $1 AND (ts, id) > ($2, $3) ORDER BY ts, id LIMIT $4",
                campaign_id,
                after_ts,
                after_id,
                limit,
            )

    async def export_impressions(self, campaign_id: int) -> list[asyncpg.Record]:
        async with connection(self._pool) as conn:
            return await conn.fetch("SELECT * FROM impressions WHERE campaign_id = $1", campaign_id)

    async def billing_lines(self, day: date) -> list[asyncpg.Record]:
        async with connection(self._pool) as conn:
            return await conn.fetch(
                "SELECT d.campaign_id, c.advertiser_id, d.impressions, d.spend FROM daily_stats d "
                "JOIN campaigns c ON c.id = d.campaign_id WHERE d.day = $1",
                day,
            )

    async def seats(self) -> list[str]:
        async with connection(self._pool) as conn:
            rows = await conn.fetch("SELECT DISTINCT seat_prefix FROM advertisers")
        return [row["seat_prefix"] for row in rows]

    async def active_line_items(self) -> list[asyncpg.Record]:
        async with connection(self._pool) as conn:
            return await conn.fetch(
                "SELECT li.id, li.campaign_id, c.advertiser_id, cr.id AS creative_id, li.bid_cpm, "
                "cr.width, cr.height, li.targeting, li.traffic_pct, li.freq_cap, li.deal_id "
                "FROM line_items li JOIN campaigns c ON c.id = li.campaign_id "
                "JOIN creatives cr ON cr.campaign_id = c.id "
                "WHERE c.status = 'active' AND cr.approved"
            )
