"""Stock moves between warehouses and bins."""
from depot.locking import BinLocks, warehouse_locks

STOCK: dict[tuple[str, str], int] = {}


async def relocate(origin: str, destination: str, sku: str, qty: int, db) -> None:
    async with warehouse_locks[origin]:
        async with warehouse_locks[destination]:  # expect: deadlock
            await db.execute("UPDATE stock SET qty = qty - $1 WHERE wh = $2", qty, origin)
            await db.execute("UPDATE stock SET qty = qty + $1 WHERE wh = $2", qty, destination)


async def relocate_ordered(origin: str, destination: str, sku: str, qty: int, db) -> None:
    first, second = sorted((origin, destination))
    async with warehouse_locks[first]:
        async with warehouse_locks[second]:
            await db.execute("UPDATE stock SET qty = qty - $1 WHERE wh = $2", qty, origin)


class BinMover:
    def __init__(self, locks: BinLocks) -> None:
        self._bin_locks = locks._bin_locks

    async def swap(self, left: int, right: int, db) -> None:
        async with self._bin_locks[left]:
            async with self._bin_locks[right]:  # expect: deadlock
                await db.execute("UPDATE bins SET swapped = true WHERE id IN ($1, $2)", left, right)

    async def refill(self, bin_id: int, db) -> None:
        async with self._bin_locks[bin_id]:
            await db.execute("UPDATE bins SET qty = 100 WHERE id = $1", bin_id)
