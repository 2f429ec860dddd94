from __future__ import annotations

import logging

from telco.errors import InsufficientBalance, NotFound
from telco.repositories.balances import BalanceRepository, BalanceRow
from telco.services.events import EventPublisher
from telco.utils.locks import SubscriberLocks

logger = logging.getLogger(__name__)


class BalanceService:
    def __init__(self, repo: BalanceRepository, events: EventPublisher, locks: SubscriberLocks) -> None:
        self._repo = repo
        self._events = events
        self._locks = locks

    async def get(self, subscriber_id: int) -> BalanceRow:
        row = await self._repo.get(subscriber_id)
        if row is None:
            raise NotFound(f"no balance for subscriber {subscriber_id}")
        return row

    async def reserve(self, subscriber_id: int, session_id: str, amount_cents: int) -> int:
        reservation_id = await self._repo.reserve(subscriber_id, session_id, amount_cents)
        if reservation_id is None:
            raise InsufficientBalance(f"cannot reserve {amount_cents} for {subscriber_id}")
        await self._publish(subscriber_id)
        return reservation_id

    async def commit(self, session_id: str, used_cents: int) -> int:
        reservation = await self._repo.find_held_reservation(session_id)
        if reservation is None:
            raise NotFound(f"no held reservation for session {session_id}")
        charged = await self._repo.commit_reservation(reservation["id"], used_cents)
        await self._publish(reservation["subscriber_id"])
        return charged

    async def debit(self, subscriber_id: int, amount_cents: int) -> bool:
        # serialise debits per subscriber so balance events go out in order
        async with self._locks.get(subscriber_id):
            ok = await self._repo.debit(subscriber_id, amount_cents)
            if ok:
                await self._publish(subscriber_id)
        return ok

    async def top_up(self, subscriber_id: int, amount_cents: int) -> BalanceRow:
        current = await self.get(subscriber_id)
        new_amount = current.amount_cents + amount_cents
        await self._repo.set_amount(subscriber_id, new_amount)
        logger.info("top-up of %d for subscriber %d", amount_cents, subscriber_id)
        await self._publish(subscriber_id)
        return await self.get(subscriber_id)

    async def share(self, from_id: int, to_id: int, amount_cents: int) -> None:
        """Family-plan credit sharing between two lines."""
        if from_id == to_id:
            raise InsufficientBalance("cannot share with the same line")
        if not await self._repo.transfer(from_id, to_id, amount_cents):
            raise InsufficientBalance(f"cannot share {amount_cents} from {from_id}")
        await self._publish(from_id)
        await self._publish(to_id)

    async def add_allowance(self, subscriber_id: int, data_kb: int) -> None:
        await self._repo.add_allowance(subscriber_id, data_kb)
        await self._publish(subscriber_id)

    async def _publish(self, subscriber_id: int) -> None:
        row = await self._repo.get(subscriber_id)
        if row is not None:
            await self._events.balance_changed(subscriber_id, row.available_cents, row.data_allowance_kb)
