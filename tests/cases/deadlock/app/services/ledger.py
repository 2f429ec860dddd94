"""Account balances and the journal, each behind its own lock."""
import asyncio
from decimal import Decimal


class Ledger:
    def __init__(self, store) -> None:
        self.store = store
        self._accounts_lock = asyncio.Lock()
        self._journal_lock = asyncio.Lock()
        self._balances: dict[int, Decimal] = {}
        self._journal: list[tuple[int, int, Decimal]] = []

    async def transfer(self, source: int, target: int, amount: Decimal) -> None:
        async with self._accounts_lock:
            self._balances[source] = self._balances.get(source, Decimal("0")) - amount
            self._balances[target] = self._balances.get(target, Decimal("0")) + amount
            async with self._journal_lock:
                self._journal.append((source, target, amount))
                await self.store.append_journal(source, target, amount)

    async def rebuild(self) -> None:
        async with self._journal_lock:
            self._journal = await self.store.load_journal()
            await self._reload_balances()

    async def _reload_balances(self) -> None:
        async with self._accounts_lock:  # expect: deadlock
            self._balances = await self.store.load_balances()


class Inventory:
    """Two locks, always taken in the same order: no cycle."""

    def __init__(self) -> None:
        self._stock_lock = asyncio.Lock()
        self._reserved_lock = asyncio.Lock()
        self._stock: dict[str, int] = {}
        self._reserved: dict[str, int] = {}

    async def reserve(self, sku: str, quantity: int) -> None:
        async with self._stock_lock:
            async with self._reserved_lock:
                self._reserved[sku] = self._reserved.get(sku, 0) + quantity

    async def release(self, sku: str, quantity: int) -> None:
        async with self._stock_lock, self._reserved_lock:
            self._reserved[sku] = self._reserved.get(sku, 0) - quantity
