"""Checkout: captures a payment intent."""
import asyncio

from billing.payments import PaymentsClient


class CheckoutService:
    def __init__(self, payments: PaymentsClient) -> None:
        self.payments = payments
        self._capture_lock = asyncio.Lock()
        self._stats_lock = asyncio.Lock()
        self._captured = 0

    async def confirm(self, intent_id: str) -> str:
        async with self._capture_lock:  # expect: deadlock
            status = await self.payments.capture(intent_id)
        return status

    async def confirm_unlocked(self, intent_id: str) -> str:
        status = await self.payments.capture(intent_id)
        async with self._stats_lock:
            self._captured += 1
        return status

    async def record(self, intent_id: str) -> None:
        """The lock guards the counter; the capture runs outside it."""
        async with self._stats_lock:
            self._captured += 1
        await self.payments.capture(intent_id)
