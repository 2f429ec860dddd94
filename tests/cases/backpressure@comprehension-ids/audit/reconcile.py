"""Reconciles ledger entries of each account with the bank feed."""
import asyncio

import asyncpg
import httpx

REGIONS = ("eu", "us", "apac")


class Reconciler:
    def __init__(self) -> None:
        self._pool: asyncpg.Pool | None = None
        self._http = httpx.AsyncClient(base_url="https://bank.example")

    async def reconcile_tenant(self, tenant_id: int) -> dict[int, int]:
        async with self._pool.acquire() as conn:
            account_ids = [r["id"] for r in await conn.fetch("SELECT id FROM accounts WHERE tenant_id = $1", tenant_id)]
        results = await asyncio.gather(*(self.reconcile_account(a) for a in account_ids))  # expect: backpressure
        return dict(zip(account_ids, results, strict=True))

    async def reconcile_regions(self) -> list[int]:
        regions = [r.upper() for r in REGIONS]
        return await asyncio.gather(*(self.reconcile_region(r) for r in regions))

    async def reconcile_region(self, region: str) -> int:
        resp = await self._http.get(f"/regions/{region}/balance")
        return resp.json()["count"]

    async def reconcile_account(self, account_id: int) -> int:
        resp = await self._http.get(f"/accounts/{account_id}/entries")
        entries = resp.json()
        async with self._pool.acquire() as conn:
            await conn.executemany("UPDATE ledger SET matched = true WHERE ref = $1", [(e["ref"],) for e in entries])
        return len(entries)
