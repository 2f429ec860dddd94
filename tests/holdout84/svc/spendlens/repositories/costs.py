from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import asyncpg
from sqlalchemy import func, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from ..models.cost import CostLineItem, DailyCost


@dataclass(frozen=True)
class ComputeInstance:
    resource_id: str
    instance_type: str
    region: str
    monthly_cost: Decimal


class CostRepository:
    def __init__(self, sessionmaker: async_sessionmaker[AsyncSession], pool: asyncpg.Pool) -> None:
        self._sessionmaker = sessionmaker
        self._pool = pool

    async def insert_line_items(self, rows: Sequence[dict]) -> int:
        if not rows:
            return 0
        stmt = insert(CostLineItem).values(list(rows)).on_conflict_do_nothing(
            constraint="uq_cost_line_items_line"
        )
        async with self._sessionmaker() as session:
            result = await session.execute(stmt)
            await session.commit()
            return result.rowcount or 0

    async def rebuild_daily(self, account_id: int, first: date, last: date) -> None:
        async with self._pool.acquire(timeout=5) as conn:
            await conn.execute(
                """
                INSERT INTO daily_costs (tenant_id, account_id, day, service, total)
                SELECT tenant_id, account_id, usage_date, service, SUM(cost)
                  FROM cost_line_items
                 WHERE account_id = $1 AND usage_date BETWEEN $2 AND $3
                 GROUP BY tenant_id, account_id, usage_date, service
                ON CONFLICT (tenant_id, account_id, day, service)
                DO UPDATE SET total = EXCLUDED.total
                """,
                account_id,
                first,
                last,
            )

    async def total_for_account(self, account_id: int, day: date) -> Decimal:
        async with self._sessionmaker() as session:
            total = await session.scalar(
                select(func.coalesce(func.sum(DailyCost.total), 0)).where(
                    DailyCost.account_id == account_id, DailyCost.day == day
                )
            )
            return Decimal(total)

    async def totals_by_account(self, tenant_id: int, start: date, end: date) -> dict[int, Decimal]:
        async with self._sessionmaker() as session:
            rows = await session.execute(
                select(DailyCost.account_id, func.sum(DailyCost.total))
                .where(DailyCost.tenant_id == tenant_id, DailyCost.day >= start, DailyCost.day < end)
                .group_by(DailyCost.account_id)
            )
            return {account_id: Decimal(total) for account_id, total in rows}

    async def daily_series(self, tenant_id: int, provider: str, since: date) -> list[asyncpg.Record]:
        async with self._pool.acquire(timeout=5) as conn:
            return await conn.fetch(
                """
                SELECT d.account_id, d.service, d.day, d.total
                  FROM daily_costs d
                  JOIN cloud_accounts a ON a.id = d.account_id
                 WHERE d.tenant_id = $1 AND a.provider = $2 AND d.day >= $3
                 ORDER BY d.account_id, d.service, d.day
                """,
                tenant_id,
                provider,
                since,
            )

    async def tenant_daily_totals(self, tenant_id: int, since: date) -> list[tuple[date, Decimal]]:
        async with self._sessionmaker() as session:
            rows = await session.execute(
                select(DailyCost.day, func.sum(DailyCost.total))
                .where(DailyCost.tenant_id == tenant_id, DailyCost.day >= since)
                .group_by(DailyCost.day)
                .order_by(DailyCost.day)
            )
            return [(day, Decimal(total)) for day, total in rows]

    async def history_for_resource(self, tenant_id: int, resource_id: str, since: date) -> list[CostLineItem]:
        async with self._sessionmaker() as session:
            result = await session.scalars(
                select(CostLineItem)
                .where(CostLineItem.tenant_id == tenant_id)
                .where(CostLineItem.resource_id == resource_id)
                .where(CostLineItem.usage_date >= since)
                .order_by(CostLineItem.usage_date)
            )
            return list(result)

    async def list_line_items(self, tenant_id: int, start: date, end: date) -> list[CostLineItem]:
        async with self._sessionmaker() as session:
            result = await session.scalars(
                select(CostLineItem)
                .where(
                    CostLineItem.tenant_id == tenant_id,
                    CostLineItem.usage_date >= start,
                    CostLineItem.usage_date < end,
                )
                .order_by(CostLineItem.usage_date, CostLineItem.id)
            )
            return list(result)

    async def monthly_total(self, tenant_id: int, month: str) -> Decimal:
        async with self._pool.acquire(timeout=5) as conn:
            total = await conn.fetchval(
                "SELECT COALESCE(SUM(cost), 0) FROM cost_line_items "
                "WHERE tenant_id = $1 AND to_char(usage_date, 'YYYY-MM') = $2",
                tenant_id,
                month,
            )
            return Decimal(total)

    async def search_resources(self, tenant_id: int, term: str, limit: int = 50) -> list[asyncpg.Record]:
        async with self._pool.acquire(timeout=5) as conn:
            return await conn.fetch(
                "SELECT DISTINCT resource_id, service, region FROM cost_line_items "
                "WHERE tenant_id = $1 AND resource_id ILIKE '%' || $2 || '%' "
                "LIMIT $3",
                tenant_id,
                term,
                limit,
            )

    async def compute_instances(self, account_id: int, since: date) -> list[ComputeInstance]:
        async with self._pool.acquire(timeout=5) as conn:
            rows = await conn.fetch(
                """
                SELECT resource_id, sku, region, SUM(cost) AS cost
                  FROM cost_line_items
                 WHERE account_id = $1 AND usage_date >= $2 AND service = 'compute' AND resource_id <> ''
                 GROUP BY resource_id, sku, region
                """,
                account_id,
                since,
            )
        return [ComputeInstance(r["resource_id"], r["sku"], r["region"], Decimal(r["cost"])) for r in rows]

    async def resources_for_account(self, account_id: int, since: date) -> list[asyncpg.Record]:
        async with self._pool.acquire(timeout=5) as conn:
            return await conn.fetch(
                """
                SELECT DISTINCT ON (resource_id) resource_id, tags
                  FROM cost_line_items
                 WHERE account_id = $1 AND usage_date >= $2 AND resource_id <> ''
                 ORDER BY resource_id, usage_date DESC
                """,
                account_id,
                since,
            )
