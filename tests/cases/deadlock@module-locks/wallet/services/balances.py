"""Balances: every write goes through balance_lock."""
import asyncio

from wallet.services import locks
from wallet.services.holds import HoldService


class BalanceService:
    def __init__(self) -> None:
        self._entries: list[tuple[int, int]] = []
        self._holds = HoldService()

    async def post(self, seller_id: int, amount: int) -> None:
        async with locks.balance_lock:
            await asyncio.sleep(0)
            self._entries.append((seller_id, amount))

    async def refund(self, seller_id: int, amount: int) -> None:
        async with locks.balance_lock:
            self._entries.append((seller_id, -amount))
            if sum(a for s, a in self._entries if s == seller_id) < 0:
                await self._holds.hold_all(seller_id)

    async def report(self) -> int:
        async with locks.report_lock:
            async with locks.balance_lock:
                return len(self._entries)

    async def count(self) -> int:
        async with locks.balance_lock:
            return len(self._entries)
