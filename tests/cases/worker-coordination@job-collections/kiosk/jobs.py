"""Periodic kiosk jobs; the app starts them from a table of jobs."""
import asyncio
import logging

import asyncpg
from redis.asyncio import Redis

log = logging.getLogger(__name__)


class ReceiptMailer:
    def __init__(self, pool: asyncpg.Pool, interval: float) -> None:
        self.pool = pool
        self.interval = interval

    async def mail_pending(self) -> None:
        async with self.pool.acquire() as conn:
            receipts = await conn.fetch("SELECT id, email FROM receipts WHERE mailed_at IS NULL")  # expect: worker-coordination
            for receipt in receipts:
                await conn.execute("UPDATE receipts SET mailed_at = now() WHERE id = $1", receipt["id"])

    async def run(self) -> None:
        while True:
            try:
                await self.mail_pending()
            except Exception:
                log.exception("receipt mailing failed")
            await asyncio.sleep(self.interval)


class TokenPurge:
    def __init__(self, pool: asyncpg.Pool, interval: float) -> None:
        self.pool = pool
        self.interval = interval

    async def run(self) -> None:  # expect: worker-coordination
        while True:
            try:
                async with self.pool.acquire() as conn:
                    await conn.execute("DELETE FROM kiosk_tokens WHERE expires_at < now()")
            except Exception:
                log.exception("token purge failed")
            await asyncio.sleep(self.interval)


class MenuRefresh:
    """Takes a lock per round: one process refreshes."""

    def __init__(self, pool: asyncpg.Pool, redis: Redis, interval: float) -> None:
        self.pool = pool
        self.redis = redis
        self.interval = interval

    async def run(self) -> None:
        while True:
            try:
                if await self.redis.set("lock:menu-refresh", "1", nx=True, ex=50):
                    async with self.pool.acquire() as conn:
                        await conn.execute("UPDATE menus SET refreshed_at = now()")
            except Exception:
                log.exception("menu refresh failed")
            await asyncio.sleep(self.interval)


class OrderEvents:
    """Reads through a consumer group: each entry goes to one process."""

    def __init__(self, pool: asyncpg.Pool, redis: Redis) -> None:
        self.pool = pool
        self.redis = redis

    async def run(self) -> None:
        while True:
            batches = await self.redis.xreadgroup("kiosk", "me", {"orders": ">"}, count=50)
            for _stream, entries in batches or []:
                for entry_id, fields in entries:
                    await self.pool.execute("INSERT INTO order_log (id, body) VALUES ($1, $2)", entry_id, fields)
                    await self.redis.xack("orders", "kiosk", entry_id)
            if not batches:
                await asyncio.sleep(1)
