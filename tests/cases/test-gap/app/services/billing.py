import asyncpg


class Billing:  # expect: test-gap
    def __init__(self) -> None:
        self.pool: asyncpg.Pool | None = None

    async def totals(self) -> dict:
        assert self.pool is not None
        async with self.pool.acquire() as conn:
            return dict(await conn.fetchrow("SELECT count(*) AS n FROM invoices"))

    async def reset(self) -> None:
        assert self.pool is not None
        async with self.pool.acquire() as conn:
            await conn.execute("DELETE FROM invoices")
