"""Payout batches: the whole batch runs under payout_lock."""
import asyncio

from wallet.services import locks
from wallet.services.balances import BalanceService


class PayoutService:
    def __init__(self, balances: BalanceService) -> None:
        self._balances = balances

    async def run_batch(self, sellers: list[int]) -> int:
        async with locks.payout_lock:  # expect: deadlock

            async def send(seller_id: int) -> None:
                await asyncio.sleep(0)
                await self._balances.post(seller_id, -100)

            await asyncio.gather(*(send(s) for s in sellers))
        return len(sellers)

    async def summary(self) -> int:
        async with locks.report_lock:
            return await self._balances.count()  # report_lock before balance_lock, as in report()
