"""Audit snapshots take the locks in the same order as the close."""
from billing.locks import BillingLocks
from billing.store import Store


class AuditService:
    def __init__(self, store: Store, locks: BillingLocks) -> None:
        self._store = store
        self._locks = locks

    async def snapshot(self, tenant_id: int) -> dict:
        async with self._locks.close, self._locks.ledger:
            return await self._store.totals(tenant_id)
