"""Audit trail writes."""
from __future__ import annotations

import asyncio
from typing import AsyncIterator


async def record(conn, user_id: int, action: str) -> None:
    await conn.execute("INSERT INTO audit (user_id, action) VALUES ($1, $2)", user_id, action)


async def fetch_rows(conn) -> list:
    return await conn.fetch("SELECT * FROM audit")


async def stream_rows(conn) -> AsyncIterator[dict]:
    async for row in conn.cursor("SELECT * FROM audit"):
        yield dict(row)


def summary(rows: list) -> dict:
    return {"count": len(rows)}


def schedule_flush(loop, conn):
    return loop.run_in_executor(None, conn.flush)


class Exporter:
    def export(self, rows: list) -> str:
        return ",".join(str(r) for r in rows)


class AsyncExporter(Exporter):
    async def export(self, rows: list) -> str:
        await asyncio.sleep(0)
        return ";".join(str(r) for r in rows)


def background(func):
    """Schedules the decorated coroutine function instead of returning its coroutine."""
    def schedule(*args, **kwargs):
        return asyncio.get_running_loop().create_task(func(*args, **kwargs))
    return schedule


@background
async def warm(conn) -> None:
    await conn.execute("SELECT 1")
