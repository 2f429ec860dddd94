"""Riders, fare cards and top-ups (SQLAlchemy async ORM)."""
from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from transit.db.models import (
    FareCard,
    FareTransaction,
    PaymentEvent,
    Rider,
    RouteSubscription,
    TopUp,
)


class AccountsRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def rider_by_email(self, email: str) -> Rider | None:
        result = await self.session.execute(select(Rider).where(Rider.email == email.lower()))
        return result.scalar_one_or_none()

    async def rider_with_cards(self, rider_id: int) -> Rider | None:
        result = await self.session.execute(
            select(Rider).options(selectinload(Rider.cards)).where(Rider.id == rider_id)
        )
        return result.scalar_one_or_none()

    async def card(self, card_id: int) -> FareCard | None:
        return await self.session.get(FareCard, card_id)

    async def card_for_update(self, card_id: int) -> FareCard | None:
        result = await self.session.execute(select(FareCard).where(FareCard.id == card_id).with_for_update())
        return result.scalar_one_or_none()

    async def card_by_number(self, card_number: str) -> FareCard | None:
        result = await self.session.execute(select(FareCard).where(FareCard.card_number == card_number))
        return result.scalar_one_or_none()

    async def debit_if_sufficient(self, card_id: int, amount_cents: int) -> int | None:
        result = await self.session.execute(
            update(FareCard)
            .where(FareCard.id == card_id, FareCard.balance_cents >= amount_cents)
            .values(balance_cents=FareCard.balance_cents - amount_cents)
            .returning(FareCard.balance_cents)
        )
        return result.scalar_one_or_none()

    async def add_transaction(self, card_id: int, stop_id: str, route_id: str | None, amount: int, at: datetime) -> None:
        self.session.add(FareTransaction(card_id=card_id, stop_id=stop_id, route_id=route_id, amount_cents=amount, tapped_at=at))

    async def spent_since(self, card_id: int, since: datetime) -> int:
        result = await self.session.execute(
            select(func.coalesce(func.sum(FareTransaction.amount_cents), 0)).where(
                FareTransaction.card_id == card_id, FareTransaction.tapped_at >= since
            )
        )
        return int(result.scalar_one())

    async def recent_transactions(self, card_id: int, limit: int = 50) -> Sequence[FareTransaction]:
        result = await self.session.execute(
            select(FareTransaction)
            .where(FareTransaction.card_id == card_id)
            .order_by(FareTransaction.tapped_at.desc())
            .limit(limit)
        )
        return result.scalars().all()

    async def top_up_by_reference(self, reference: str) -> TopUp | None:
        result = await self.session.execute(select(TopUp).where(TopUp.provider_reference == reference))
        return result.scalar_one_or_none()

    async def top_up_by_key(self, key: str) -> TopUp | None:
        result = await self.session.execute(select(TopUp).where(TopUp.idempotency_key == key))
        return result.scalar_one_or_none()

    async def payment_event_seen(self, event_id: str) -> bool:
        result = await self.session.execute(select(PaymentEvent.id).where(PaymentEvent.event_id == event_id))
        return result.first() is not None

    async def subscribers_for_route(self, route_id: str) -> Sequence[RouteSubscription]:
        result = await self.session.execute(
            select(RouteSubscription)
            .options(selectinload(RouteSubscription.rider))
            .where(RouteSubscription.route_id == route_id)
        )
        return result.scalars().all()

    async def subscribers_for_routes(self, route_ids: list[str]) -> Sequence[RouteSubscription]:
        result = await self.session.execute(
            select(RouteSubscription)
            .options(selectinload(RouteSubscription.rider))
            .where(RouteSubscription.route_id.in_(route_ids))
        )
        return result.scalars().all()

    async def riders_by_ids(self, rider_ids: list[int]) -> Sequence[Rider]:
        result = await self.session.execute(select(Rider).where(Rider.id.in_(rider_ids)))
        return result.scalars().all()
