"""Premium subscription rows, keyed by the store's original transaction id."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from ..models.billing import Subscription

ENTITLED_STATUSES = ("active", "grace")


class SubscriptionRepository:
    def __init__(self, sessions: async_sessionmaker[AsyncSession]) -> None:
        self._sessions = sessions

    async def get_by_original_tx(self, original_tx: str) -> Subscription | None:
        stmt = select(Subscription).filter_by(original_transaction_id=original_tx)
        async with self._sessions() as session:
            return (await session.scalars(stmt)).first()

    async def create_if_absent(
        self, *, user_id: int, provider: str, product_id: str, original_tx: str, expires_at: datetime
    ) -> None:
        stmt = (
            insert(Subscription)
            .values(
                user_id=user_id,
                provider=provider,
                product_id=product_id,
                original_transaction_id=original_tx,
                status="active",
                expires_at=expires_at,
            )
            .on_conflict_do_nothing(constraint="uq_subscriptions_original_tx")
        )
        async with self._sessions() as session, session.begin():
            await session.execute(stmt)

    async def save(self, subscription: Subscription) -> None:
        async with self._sessions() as session, session.begin():
            await session.merge(subscription)

    async def end(self, original_tx: str, status: str, at: datetime) -> Subscription | None:
        async with self._sessions() as session, session.begin():
            stmt = select(Subscription).where(Subscription.original_transaction_id == original_tx).with_for_update()
            subscription = (await session.scalars(stmt)).first()
            if subscription is None:
                return None
            subscription.status = status
            subscription.revoked_at = at
        return subscription

    async def active_for(self, user_id: int) -> Subscription | None:
        stmt = (
            select(Subscription)
            .where(Subscription.user_id == user_id, Subscription.status.in_(ENTITLED_STATUSES))
            .order_by(Subscription.expires_at.desc())
            .limit(1)
        )
        async with self._sessions() as session:
            return (await session.scalars(stmt)).first()
