"""The app's database pools, opened at startup."""
from __future__ import annotations

import asyncpg
from psycopg_pool import AsyncConnectionPool

_pg: asyncpg.Pool | None = None
_reports: AsyncConnectionPool | None = None


async def open_pools(dsn: str) -> None:
    global _pg, _reports
    _pg = await asyncpg.create_pool(dsn, command_timeout=10)
    _reports = AsyncConnectionPool(dsn, open=False)
    await _reports.open()


def pg() -> asyncpg.Pool:
    assert _pg is not None
    return _pg


def reports() -> AsyncConnectionPool:
    assert _reports is not None
    return _reports
