"""Order flows: order then stock, tenant then bin (the convention)."""
from warehouse.core.guards import bin_locks, order_mutex, stock_mutex, tenant_locks


class OrderFlow:
    def __init__(self) -> None:
        self.reserved: dict[str, int] = {}

    async def reserve(self, order_id: str, sku: str, qty: int) -> None:
        async with order_mutex(order_id):
            async with stock_mutex(sku):
                self.reserved[sku] = self.reserved.get(sku, 0) + qty

    async def assign_bin(self, tenant: str, bin_id: str) -> None:
        async with tenant_locks.lock_for(tenant):
            async with bin_locks.lock_for(bin_id):
                self.reserved[bin_id] = 0
