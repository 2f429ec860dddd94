"""Applies prepaid credits to an invoice."""
from metering.credits import CreditRepository


class Wallet:
    def __init__(self, credits: CreditRepository) -> None:
        self._credits = credits

    async def apply(self, tenant_id: int, amount: int) -> bool:
        balance = await self._credits.get_balance(tenant_id)
        if balance >= amount:  # expect: race-condition
            await self._credits.set_balance(tenant_id, balance - amount)
            return True
        return False

    async def apply_atomic(self, tenant_id: int, amount: int) -> bool:
        balance = await self._credits.get_balance(tenant_id)
        if balance >= amount:
            return await self._credits.debit(tenant_id, amount)
        return False

    async def apply_and_touch(self, tenant_id: int, amount: int) -> int:
        balance = await self._credits.get_balance(tenant_id)
        if balance >= amount:
            await self._credits.touch(tenant_id)
        return balance
