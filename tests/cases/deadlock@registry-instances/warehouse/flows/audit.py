"""Audit: the same registries, always in the convention's order (no cycle of its own)."""
from warehouse.core.guards import order_mutex, stock_mutex, tenant_locks


class Audit:
    def __init__(self) -> None:
        self.seen: list[str] = []

    async def check(self, order_id: str, sku: str) -> None:
        async with order_mutex(order_id):
            async with stock_mutex(sku):
                self.seen.append(sku)

    async def tenant_report(self, tenant: str) -> None:
        async with tenant_locks.lock_for(tenant):
            self.seen.append(tenant)
