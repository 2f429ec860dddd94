"""Nightly alert jobs: one notification per matching subscription, one statement per account."""
import asyncio
import logging
from typing import Any

import asyncpg
import httpx

from alerts.notifier import Notifier

log = logging.getLogger(__name__)


class AlertJob:
    def __init__(self, pool: asyncpg.Pool, notifier: Notifier) -> None:
        self._pool = pool
        self._notifier = notifier

    async def run_forever(self) -> None:
        while True:
            try:
                await self.run_once()
                await self._ping()
            except Exception:
                log.exception("alert run failed")
            await asyncio.sleep(3600)

    async def run_once(self) -> int:
        async with self._pool.acquire(timeout=5) as conn:
            rows = await conn.fetch("SELECT user_id, text FROM pending_alerts LIMIT 500")
        sent = await asyncio.gather(*(self._deliver(r["user_id"], r["text"]) for r in rows))
        for row in rows:
            await self._summarise(row)
        await self._close_accounts(rows)
        return sum(sent)

    async def _deliver(self, user_id: int, text: str) -> int:
        try:
            await self._notifier.send(user_id, text)
        except httpx.HTTPError:  # expect: logging-gap
            pass
        return 1

    async def _summarise(self, row: Any) -> None:
        try:
            await self._write_summary(row["user_id"])
        except (OSError, asyncpg.PostgresError):  # expect: logging-gap
            return

    async def _write_summary(self, user_id: int) -> None:
        async with self._pool.acquire(timeout=5) as conn:
            await conn.execute("INSERT INTO summaries (user_id) VALUES ($1)", user_id)

    async def _close_accounts(self, rows: list[Any]) -> None:
        async with self._pool.acquire(timeout=5) as conn:
            for row in rows:
                try:
                    await conn.execute("UPDATE accounts SET closed = true WHERE user_id = $1", row["user_id"])
                except (asyncpg.PostgresError, LookupError):  # expect: logging-gap
                    continue
                try:
                    await conn.execute("DELETE FROM pending_alerts WHERE user_id = $1", row["user_id"])
                except asyncpg.PostgresError as exc:
                    log.warning("could not clear alerts of %s: %s", row["user_id"], exc)
                    continue

    async def _ping(self) -> None:
        """Once per round of the keep-alive loop, not per item: the swallowed-exception rule's."""
        try:
            await self._notifier.send(0, "heartbeat")
        except httpx.HTTPError:
            pass
