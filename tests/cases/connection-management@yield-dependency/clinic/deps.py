"""Request-scoped connections handed to routes through Depends()."""
from typing import AsyncIterator

import asyncpg
from fastapi import Request


async def db_connection(request: Request) -> AsyncIterator[asyncpg.Connection]:
    conn = await request.app.state.pool.acquire(timeout=5)  # expect: connection-management
    yield conn
    await request.app.state.pool.release(conn)


async def report_connection(request: Request) -> AsyncIterator[asyncpg.Connection]:
    conn = await request.app.state.pool.acquire(timeout=5)
    try:
        yield conn
    finally:
        await request.app.state.pool.release(conn)
