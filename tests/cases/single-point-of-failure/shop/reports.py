"""Nightly sales report, run from the command line (never by the web app)."""
import asyncpg

from shop.settings import REPORTS_DSN


async def build_report(day: str) -> list[dict]:
    pool = await asyncpg.create_pool(REPORTS_DSN, max_size=2)
    try:
        rows = await pool.fetch("SELECT sku, SUM(total) AS total FROM sales WHERE day = $1 GROUP BY sku", day)
        return [dict(r) for r in rows]
    finally:
        await pool.close()
