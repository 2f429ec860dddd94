"""Payouts: one transfer per approved claim."""
import asyncio

from payouts.bank import BankClient


class PayoutService:
    def __init__(self, bank: BankClient) -> None:
        self._bank = bank
        self._payout_lock = asyncio.Lock()
        self._stats_lock = asyncio.Lock()
        self._sent = 0

    async def pay(self, iban: str, amount_cents: int) -> str:
        async with self._payout_lock:  # expect: deadlock
            reference = await self._bank.transfer(iban, amount_cents)
        return reference

    async def pay_counted(self, iban: str, amount_cents: int) -> str:
        """The transfer runs outside the lock; the lock guards the counter only."""
        reference = await self._bank.transfer(iban, amount_cents)
        async with self._stats_lock:
            self._sent += 1
        return reference
