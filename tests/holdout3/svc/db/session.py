from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker, create_async_engine

from svc.config import get_settings

settings = get_settings()

engine = create_async_engine(
    settings.database_url,
    pool_size=settings.db_pool_size,
    max_overflow=settings.db_max_overflow,
    pool_timeout=settings.db_pool_timeout,
    pool_pre_ping=True,
    connect_args={
        "timeout": 5,
        "server_settings": {"statement_timeout": str(settings.db_statement_timeout_ms)},
    },
)

SessionFactory = async_sessionmaker(engine, expire_on_commit=False)


async def get_session() -> AsyncIterator[AsyncSession]:
    """FastAPI dependency: one session per request, closed when the request ends."""
    async with SessionFactory() as session:
        yield session


REPORTS: dict[str, str] = {
    "gmv_by_category": """
        SELECT l.category, date_trunc('day', o.created_at) AS day, SUM(oi.quantity * oi.unit_price_minor) AS gmv
        FROM order_items oi
        JOIN orders o ON o.id = oi.order_id
        JOIN listings l ON l.id = oi.listing_id
        WHERE o.created_at >= :since
        GROUP BY 1, 2
        ORDER BY 2, 1
    """,
    "payouts_by_status": """
        SELECT status, currency, COUNT(*) AS n, SUM(amount_minor) AS total
        FROM payouts
        WHERE requested_at >= :since
        GROUP BY 1, 2
    """,
}


async def run_report(sql: str, params: dict[str, Any]) -> list[dict[str, Any]]:
    """Run a read-only report against the reporting replica."""
    report_engine = create_async_engine(settings.reporting_dsn, pool_pre_ping=True)
    async with report_engine.connect() as conn:
        await conn.execute(text("SET TRANSACTION READ ONLY"))
        result = await conn.execute(text(sql), params)
        return [dict(row._mapping) for row in result]
