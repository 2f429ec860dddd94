"""Payout holds: taken under payout_lock."""
import asyncio

from wallet.services import locks


class HoldService:
    def __init__(self) -> None:
        self.held: set[int] = set()

    async def hold_all(self, seller_id: int) -> None:
        async with locks.payout_lock:
            await asyncio.sleep(0)
            self.held.add(seller_id)
