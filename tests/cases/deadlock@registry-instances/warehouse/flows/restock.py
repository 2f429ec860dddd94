"""Restocking: takes the registries' locks against the convention."""
from warehouse.core.guards import bin_locks, order_mutex, stock_mutex, tenant_locks


class Restock:
    def __init__(self) -> None:
        self.levels: dict[str, int] = {}

    async def refill(self, sku: str, order_id: str, qty: int) -> None:
        async with stock_mutex(sku):
            async with order_mutex(order_id):  # expect: deadlock
                self.levels[sku] = qty

    async def empty_bin(self, bin_id: str, tenant: str) -> None:
        guard = bin_locks.lock_for(bin_id)
        async with guard:
            async with tenant_locks.lock_for(tenant):  # expect: deadlock
                self.levels.pop(bin_id, None)
