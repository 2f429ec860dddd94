"""A store adapter; the process gets it from a memoised factory, keyed by the database URL."""
from functools import lru_cache

import redis.asyncio as aioredis
from sqlalchemy.ext.asyncio import create_async_engine


class LedgerStore:
    def __init__(self, url: str) -> None:
        self.engine = create_async_engine(url, pool_size=5)

    async def balance(self, account: str) -> int:
        async with self.engine.connect() as conn:
            return (await conn.exec_driver_sql("SELECT 1")).scalar_one()

    async def close(self) -> None:
        await self.engine.dispose()


class AuditLog:
    def __init__(self, url: str) -> None:
        self.client = aioredis.Redis.from_url(url)  # expect: connection-management


@lru_cache(maxsize=8)
def ledger_store(url: str) -> LedgerStore:
    return LedgerStore(url)


def audit_log(url: str) -> AuditLog:
    return AuditLog(url)
