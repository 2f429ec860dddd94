"""Write-offs adjust the ledger and then the closed period's totals."""
from billing.locks import BillingLocks
from billing.store import Store


class WriteOffService:
    def __init__(self, store: Store, locks: BillingLocks) -> None:
        self._store = store
        self._locks = locks

    async def write_off(self, tenant_id: int, invoice_id: int) -> None:
        async with self._locks.ledger:
            async with self._locks.close:  # expect: deadlock
                await self._store.void(tenant_id, invoice_id)
