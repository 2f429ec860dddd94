"""Readings storage: one coroutine returning a list, one async generator, one sync generator."""
from collections.abc import AsyncIterator, Iterator
from typing import Any

import asyncpg


class Readings:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def all_rows(self, device_id: int) -> list[asyncpg.Record]:
        async with self._pool.acquire() as conn:
            return await conn.fetch("SELECT * FROM readings WHERE device_id = $1", device_id)

    async def stream(self, device_id: int) -> AsyncIterator[asyncpg.Record]:
        async with self._pool.acquire() as conn:
            async with conn.transaction():
                async for row in conn.cursor("SELECT * FROM readings WHERE device_id = $1", device_id):
                    yield row


def header_lines(columns: list[str]) -> Iterator[str]:
    yield ",".join(columns) + "\n"


def to_payload(row: dict[str, Any]) -> dict[str, Any]:
    return {"ts": str(row["ts"]), "value": row["value"]}


def lookup(table: dict[str, Any], key: str) -> Any:
    return table.get(key)
