"""Settles consumers' invoices with a remote billing provider."""
import asyncio

import httpx


class Settler:
    def __init__(self) -> None:
        self._http = httpx.AsyncClient(base_url="https://billing.example.com", timeout=10.0)
        self._settle_lock = asyncio.Lock()
        self._pending_lock = asyncio.Lock()
        self._settling: set[int] = set()

    async def settle(self, invoice_id: int) -> bool:
        async with self._settle_lock:  # expect: deadlock
            if invoice_id in self._settling:
                return False
            self._settling.add(invoice_id)
            try:
                await self._http.post(f"/invoices/{invoice_id}/settle")
            finally:
                self._settling.discard(invoice_id)
            return True

    async def settle_claimed(self, invoice_id: int) -> bool:
        """The lock guards only the claim; the call runs outside it."""
        async with self._pending_lock:
            if invoice_id in self._settling:
                return False
            self._settling.add(invoice_id)
        try:
            await self._http.post(f"/invoices/{invoice_id}/settle")
        finally:
            self._settling.discard(invoice_id)
        return True
