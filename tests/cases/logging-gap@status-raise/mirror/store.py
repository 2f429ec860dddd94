"""Local catalogue rows; a missing SKU is a normal outcome, not an outage."""
import asyncpg


class UnknownSku(LookupError):
    pass


class CatalogueStore:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def pending(self) -> list[str]:
        return [r["sku"] for r in await self._pool.fetch("SELECT sku FROM items WHERE stale LIMIT 100")]

    async def item_id(self, sku: str) -> int:
        row = await self._pool.fetchrow("SELECT id FROM items WHERE sku = $1", sku)
        if row is None:
            raise UnknownSku(sku)
        return row["id"]

    async def save(self, item_id: int, data: dict) -> None:
        await self._pool.execute("UPDATE items SET data = $2, stale = false WHERE id = $1", item_id, data)
