"""Audit records buffered in memory and written to the database in batches."""
from __future__ import annotations

import asyncio
import logging

import asyncpg

logger = logging.getLogger(__name__)


class AuditBuffer:
    def __init__(self, pool: asyncpg.Pool, limit: int = 5000) -> None:
        self._pool = pool
        self._pending: asyncio.Queue[tuple[str, str]] = asyncio.Queue(maxsize=limit)
        self._lock = asyncio.Lock()

    def add(self, actor: str, action: str) -> None:
        self._pending.put_nowait((actor, action))

    async def write_batch(self) -> None:
        """Drains what is pending and writes it; a failed write puts the rows back."""
        async with self._lock:
            if self._pending.qsize() > 4000:
                logger.warning("audit buffer nearly full (%d)", self._pending.qsize())
            rows: list[tuple[str, str]] = []
            while self._pending.qsize():
                rows.append(await self._pending.get())
            try:
                async with self._pool.acquire() as conn:
                    await conn.executemany("INSERT INTO audit (actor, action) VALUES ($1, $2)", rows)
            except Exception:
                logger.warning("audit write failed, keeping %d rows", len(rows), exc_info=True)
                for row in rows:
                    self._pending.put_nowait(row)

    async def write_marked(self) -> None:
        """Reads the high-water mark first, outside the guarded write: a dropped connection raises."""
        async with self._pool.acquire() as conn:
            mark = await conn.fetchval("SELECT max(id) FROM audit")
        rows: list[tuple[str, str]] = []
        while self._pending.qsize():
            rows.append(await self._pending.get())
        try:
            async with self._pool.acquire() as conn:
                await conn.executemany("INSERT INTO audit (actor, action) VALUES ($1, $2)", rows)
        except Exception:
            logger.warning("audit write after %s failed", mark, exc_info=True)

    async def flush_forever(self, every: float) -> None:
        while True:
            await asyncio.sleep(every)
            await self.write_batch()

    async def flush_marked_forever(self, every: float) -> None:
        while True:
            await asyncio.sleep(every)
            await self.write_marked()  # expect: no-recovery
