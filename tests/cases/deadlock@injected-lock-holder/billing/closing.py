"""Monthly close: freeze the period, then post the totals to the ledger."""
from billing.locks import BillingLocks
from billing.store import Store


class CloseService:
    def __init__(self, store: Store, locks: BillingLocks) -> None:
        self._store = store
        self._locks = locks

    async def close_period(self, tenant_id: int) -> None:
        async with self._locks.close:
            async with self._locks.ledger:
                await self._store.post_totals(tenant_id)
            await self._store.mark_closed(tenant_id)
