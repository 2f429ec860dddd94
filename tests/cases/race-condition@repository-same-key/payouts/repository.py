from datetime import datetime, timezone

from sqlalchemy import update
from sqlalchemy.ext.asyncio import async_sessionmaker

from payouts.models import Payout


class PayoutRepository:
    def __init__(self, sessionmaker: async_sessionmaker) -> None:
        self._sessionmaker = sessionmaker

    async def get(self, payout_id: int) -> Payout:
        async with self._sessionmaker() as session:
            return await session.get(Payout, payout_id)

    async def mark_paid(self, payout_id: int) -> None:
        async with self._sessionmaker() as session:
            await session.execute(update(Payout).where(Payout.id == payout_id).values(status="paid"))
            await session.commit()

    async def mark_viewed(self, payout_id: int) -> None:
        async with self._sessionmaker() as session:
            await session.execute(
                update(Payout).where(Payout.id == payout_id).values(viewed_at=datetime.now(timezone.utc)))
            await session.commit()
