"""Pushes settled invoices to the accounting system, once each."""
import asyncio


class InvoiceRelay:
    def __init__(self, http) -> None:
        self._http = http
        self._pushed_ids: set[int] = set()  # expect: unbounded-cache
        self._region_keys: set[str] = set()

    async def push(self, invoice: dict) -> None:
        if invoice["id"] in self._pushed_ids:
            return
        await self._http.post("/invoices", json=invoice)
        self._pushed_ids.add(invoice["id"])

    async def pump(self, batches: asyncio.Queue) -> None:
        while True:
            batch = await batches.get()
            for invoice in batch:
                await self.push(invoice)
            await asyncio.sleep(1)

    async def note_region(self, region: str) -> None:
        # a set of ids tested nowhere: only ever reported by name
        self._region_keys.add(region)
        await asyncio.sleep(0)

    def forget_region(self, region: str) -> None:
        self._region_keys.discard(region)
