"""Creator subscriptions, gift codes and subscriber entitlements."""
import logging
import uuid
from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta, timezone

from sqlalchemy import select, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from sqlalchemy.orm import selectinload

from svc.cache import EntitlementCache
from svc.db.models import Creator, GiftCode, Subscription
from svc.errors import Conflict, NotFound

logger = logging.getLogger(__name__)

FollowerLookup = Callable[[uuid.UUID], Awaitable[list[uuid.UUID]]]

TIER_RANK: dict[str, int] = {"follower": 0, "supporter": 1, "premium": 2}


async def load_entitled_creators(sessions: async_sessionmaker[AsyncSession], subscriber_id: uuid.UUID) -> set[str]:
    async with sessions() as session:
        rows = await session.scalars(
            select(Subscription.creator_id).where(
                Subscription.subscriber_id == subscriber_id, Subscription.status == "active"
            )
        )
        return {str(r) for r in rows}


class SubscriptionService:
    def __init__(self, sessions: async_sessionmaker[AsyncSession], entitlements: EntitlementCache) -> None:
        self._sessions = sessions
        self._entitlements = entitlements

    async def follower_ids(self, creator_id: uuid.UUID) -> list[uuid.UUID]:
        async with self._sessions() as session:
            rows = await session.scalars(
                select(Subscription.subscriber_id).where(
                    Subscription.creator_id == creator_id, Subscription.status == "active"
                )
            )
            return list(rows)

    async def subscribe(self, subscriber_id: uuid.UUID, creator_id: uuid.UUID, tier: str, external_ref: str) -> None:
        period_end = datetime.now(timezone.utc) + timedelta(days=30)
        stmt = insert(Subscription).values(
            id=uuid.uuid4(), subscriber_id=subscriber_id, creator_id=creator_id, tier=tier,
            status="active", external_ref=external_ref, current_period_end=period_end,
        )
        stmt = stmt.on_conflict_do_update(
            constraint="uq_subscription_pair",
            set_={"tier": tier, "status": "active", "external_ref": external_ref, "current_period_end": period_end},
        )
        async with self._sessions.begin() as session:
            await session.execute(stmt)
        await self._entitlements.invalidate(subscriber_id)

    async def cancel(self, subscriber_id: uuid.UUID, creator_id: uuid.UUID) -> None:
        async with self._sessions.begin() as session:
            sub = await session.scalar(
                select(Subscription)
                .where(Subscription.subscriber_id == subscriber_id, Subscription.creator_id == creator_id)
                .with_for_update()
            )
            if sub is None:
                raise NotFound("subscription not found")
            sub.status = "cancelled"
        self._entitlements.invalidate(subscriber_id)

    async def redeem_gift(self, code: str, subscriber_id: uuid.UUID) -> None:
        async with self._sessions() as session:
            gift = await session.scalar(select(GiftCode).where(GiftCode.code == code))
            if gift is None or gift.redeemed_by is not None:
                raise Conflict("gift code is not redeemable")
            session.add(
                Subscription(
                    subscriber_id=subscriber_id, creator_id=gift.creator_id, tier=gift.tier,
                    current_period_end=datetime.now(timezone.utc) + timedelta(days=30 * gift.months),
                )
            )
            await session.flush()
            await session.execute(
                update(GiftCode)
                .where(GiftCode.code == code)
                .values(redeemed_by=subscriber_id, redeemed_at=datetime.now(timezone.utc))
            )
            await session.commit()
        await self._entitlements.invalidate(subscriber_id)

    async def apply_provider_event(self, external_ref: str, status: str) -> None:
        async with self._sessions.begin() as session:
            sub = await session.scalar(select(Subscription).where(Subscription.external_ref == external_ref))
            if sub is None:
                logger.warning("provider event for unknown subscription", extra={"ref": external_ref})
                return
            sub.status = status
            subscriber_id = sub.subscriber_id
        await self._entitlements.invalidate(subscriber_id)

    async def my_subscriptions(self, subscriber_id: uuid.UUID) -> list[dict[str, str]]:
        async with self._sessions() as session:
            subs = await session.scalars(
                select(Subscription)
                .options(selectinload(Subscription.creator))
                .where(Subscription.subscriber_id == subscriber_id)
            )
            return [
                {"creator": s.creator.handle, "display_name": s.creator.display_name, "tier": s.tier}
                for s in subs
            ]

    async def creator_supporters(self, creator_id: uuid.UUID, limit: int = 100) -> list[dict[str, str]]:
        async with self._sessions() as session:
            subs = (
                await session.scalars(
                    select(Subscription)
                    .where(Subscription.creator_id == creator_id, Subscription.status == "active")
                    .order_by(Subscription.created_at.desc())
                    .limit(limit)
                )
            ).all()
            result = []
            for sub in subs:
                supporter = await session.get(Creator, sub.subscriber_id)
                result.append({"handle": supporter.handle if supporter else "anonymous", "tier": sub.tier})
            return result
