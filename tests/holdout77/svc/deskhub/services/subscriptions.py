from __future__ import annotations

import json
import logging
from datetime import date
from decimal import Decimal
from typing import Any

from redis.asyncio import Redis
from sqlalchemy.ext.asyncio import AsyncSession

from ..errors import Conflict, NotFound, UnknownPlan
from ..models import Subscription
from ..repositories.members import MemberRepository
from ..utils.concurrency import KeyedLocks

logger = logging.getLogger(__name__)


def plan_cache_key(member_id: int) -> str:
    return f"member:{member_id}:plan"


def member_lock_key(member_id: int) -> str:
    return f"member:{member_id}"


class SubscriptionService:
    def __init__(self, session: AsyncSession, redis: Redis, member_locks: KeyedLocks) -> None:
        self._session = session
        self._redis = redis
        self._member_locks = member_locks
        self._members = MemberRepository(session)

    async def plan_for(self, member_id: int) -> dict[str, Any]:
        key = plan_cache_key(member_id)
        cached = await self._redis.get(key)
        if cached is not None:
            return json.loads(cached)
        sub = await self._members.active_subscription(member_id)
        if sub is None:
            raise NotFound("no active subscription")
        payload = {"plan": sub.plan.code, "name": sub.plan.name, "desk_access": sub.plan.desk_access,
                   "included_room_hours": sub.plan.included_room_hours,
                   "period_end": sub.current_period_end.isoformat()}
        await self._redis.set(key, json.dumps(payload))
        return payload

    async def change_plan(self, member_id: int, plan_code: str, today: date) -> Subscription:
        plans = await self._members.plans_by_code()
        try:
            plan = plans[plan_code]
        except KeyError:
            raise UnknownPlan(f"no such plan: {plan_code}")

        lock_key = member_lock_key(member_id)
        async with self._member_locks.hold(lock_key):
            sub = await self._members.subscription_for_update(member_id)
            if sub is None:
                raise NotFound("no active subscription")
            if sub.plan_id == plan.id:
                raise Conflict("already on that plan")
            days_in_period = (sub.current_period_end - sub.current_period_start).days
            days_remaining = (sub.current_period_end - today).days
            share = days_remaining // days_in_period
            sub.room_credits_remaining = (Decimal(plan.included_room_hours) * share).quantize(Decimal("0.01"))
            sub.plan_id = plan.id
            await self._session.commit()
        logger.info("member %s moved to plan %s", member_id, plan_code)
        return sub

    async def consume_credits(self, member_id: int, hours: Decimal) -> Decimal:
        """Use included meeting-room hours first; returns how many hours were covered."""
        sub = await self._members.active_subscription(member_id)
        if sub is None or sub.room_credits_remaining <= 0:
            return Decimal(0)
        used = min(hours, sub.room_credits_remaining)
        sub.room_credits_remaining -= used
        return used

    async def refund_credits(self, member_id: int, hours: Decimal) -> None:
        sub = await self._members.active_subscription(member_id)
        if sub is not None:
            await self._members.add_room_credits(sub.id, hours)

    async def apply_proration(self, member_id: int, period_start: date, period_end: date) -> int:
        """Credit (negative pence) for a plan that only started part-way through the period."""
        async with self._member_locks.hold(member_lock_key(member_id)):
            sub = await self._members.active_subscription(member_id)
            if sub is None or sub.current_period_start <= period_start:
                return 0
            days_in_period = (period_end - period_start).days
            days_inactive = (sub.current_period_start - period_start).days
            unused = Decimal(sub.plan.monthly_pence) * Decimal(days_inactive) / Decimal(days_in_period)
            return -int(unused.quantize(Decimal(1)))
