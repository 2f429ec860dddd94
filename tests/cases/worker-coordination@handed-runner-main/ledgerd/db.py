from __future__ import annotations

import asyncpg
import httpx


class Container:
    """What every worker program gets: the database pool and the payment provider client."""

    def __init__(self, pool: asyncpg.Pool, provider: httpx.AsyncClient) -> None:
        self.pool = pool
        self.provider = provider

    @classmethod
    async def create(cls) -> "Container":
        pool = await asyncpg.create_pool("postgresql://ledgerd@db/ledgerd")
        provider = httpx.AsyncClient(base_url="https://payments.example.com", timeout=10)
        return cls(pool, provider)

    async def close(self) -> None:
        await self.provider.aclose()
        await self.pool.close()
