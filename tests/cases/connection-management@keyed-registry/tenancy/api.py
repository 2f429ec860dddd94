"""Routes that reach each tenant's database."""
from __future__ import annotations

from fastapi import FastAPI
from sqlalchemy import text

from .pools import ReportingEngines, audit_engine, scratch_count, tenant_pool

app = FastAPI()
engines = ReportingEngines({"eu": "postgresql+asyncpg://eu-replica/reports", "us": "postgresql+asyncpg://us-replica/reports"})


@app.get("/tenants/{dsn}/orders")
async def orders(dsn: str) -> list[dict]:
    pool = await tenant_pool(dsn)
    return [dict(r) for r in await pool.fetch("SELECT id, total FROM orders ORDER BY id DESC LIMIT 50")]


@app.get("/reports/{region}/daily")
async def daily(region: str) -> list[dict]:
    async with engines.for_region(region).connect() as conn:
        rows = await conn.execute(text("SELECT day, total FROM daily_totals ORDER BY day DESC LIMIT 30"))
        return [dict(r._mapping) for r in rows]


@app.get("/tenants/{dsn}/scratch")
async def scratch(dsn: str) -> int:
    return await scratch_count(dsn)


@app.get("/audit/{url}/count")
async def audit(url: str) -> int:
    async with audit_engine(url).connect() as conn:  # expect: connection-management
        return (await conn.execute(text("SELECT count(*) FROM audit_log"))).scalar_one()
