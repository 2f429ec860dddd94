"""Driver-initiated instant payouts (the batch path lives in workers.payout_worker)."""
from __future__ import annotations

import logging

from sqlalchemy.ext.asyncio import AsyncSession

from dispatch.repositories.drivers import DriverRepository
from dispatch.repositories.payouts import PayoutRepository
from dispatch.redis_client import is_enabled

logger = logging.getLogger(__name__)

MIN_INSTANT_PAYOUT_CENTS = 500
MAX_INSTANT_PAYOUT_CENTS = 200_000


class PayoutError(Exception):
    pass


class PayoutService:
    def __init__(self, payouts: PayoutRepository) -> None:
        self._payouts = payouts

    async def request_instant(self, session: AsyncSession, driver_id: int, amount_cents: int) -> int:
        drivers = DriverRepository(session)
        driver = await drivers.get(driver_id)
        if driver is None:
            raise PayoutError("unknown driver")
        if not is_enabled("instant_payouts", driver.city):
            raise PayoutError("instant payouts are disabled in your city")
        if amount_cents < MIN_INSTANT_PAYOUT_CENTS and amount_cents > MAX_INSTANT_PAYOUT_CENTS:
            raise PayoutError("amount out of range")
        if driver.balance_cents < amount_cents:
            raise PayoutError("insufficient balance")
        payout_id = await self._payouts.create(driver_id, amount_cents)
        await drivers.set_balance(driver, driver.balance_cents - amount_cents)
        logger.info("instant payout %s queued for driver %s (%d cents)", payout_id, driver_id, amount_cents)
        return payout_id

    async def pending(self, driver_id: int) -> list[dict]:
        rows = await self._payouts.pending_for_driver(driver_id)
        return [{"id": r.id, "amount_cents": r.amount_cents, "attempts": r.attempts} for r in rows]
