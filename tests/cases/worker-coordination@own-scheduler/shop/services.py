"""Shop maintenance."""
import asyncpg


class Carts:
    def __init__(self, pool: asyncpg.Pool, mailer) -> None:
        self._pool = pool
        self._mailer = mailer
        self._unsent: list[dict] = []

    async def expire_abandoned(self) -> None:  # expect: worker-coordination
        async with self._pool.acquire(timeout=5) as conn:
            await conn.execute("UPDATE carts SET status = 'expired' WHERE updated_at < now() - interval '1 day'")

    async def recount_stock(self) -> None:
        async with self._pool.acquire(timeout=5) as conn:
            await conn.execute("UPDATE products SET stock = (SELECT count(*) FROM units WHERE units.sku = products.sku)")

    async def resend_failed(self) -> None:
        """Retries the receipts this process failed to send."""
        while self._unsent:
            message = self._unsent.pop(0)
            async with self._pool.acquire(timeout=5) as conn:
                await conn.execute("INSERT INTO outbox (body) VALUES ($1)", message["body"])
