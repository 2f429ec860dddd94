from __future__ import annotations

from bunkering.locks import KeyedLocks


class SupplierService:
    def __init__(self, db, locks: KeyedLocks) -> None:
        self._db = db
        self._locks = locks

    async def reprice(self, supplier_id: int, factor: float) -> None:
        async with self._locks.get(f"supplier:{supplier_id}"):
            for order in await self._db.open_orders(supplier_id):
                async with self._locks.get(f"vessel:{order.vessel_id}"):  # expect: deadlock
                    await self._db.reprice(order, factor)

    async def close_port(self, port_id: int, berth_id: int) -> None:
        # port before berth: no path takes a berth and then a port
        async with self._locks.get(f"port:{port_id}"):
            async with self._locks.get(f"berth:{berth_id}"):
                await self._db.close(port_id, berth_id)
