"""Responsible-gambling checks: self exclusion, loss and stake limits.

Running totals live in redis with a key per user per period so that every
replica sees the same numbers.
"""
from __future__ import annotations

import logging
from datetime import datetime, timezone
from decimal import Decimal

from redis.asyncio import Redis
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from svc.db.models import RgLimit, User

logger = logging.getLogger(__name__)


class RgRepository:
    def __init__(self, sessions: async_sessionmaker[AsyncSession]) -> None:
        self._sessions = sessions

    async def limits_for(self, user_id: int) -> dict[str, Decimal]:
        async with self._sessions() as session:
            rows = (await session.execute(select(RgLimit).where(RgLimit.user_id == user_id))).scalars().all()
        now = datetime.now(timezone.utc)
        out: dict[str, Decimal] = {}
        for row in rows:
            # increases only apply after the cooling-off period has passed
            if row.pending_amount is not None and row.pending_from is not None and row.pending_from <= now:
                out[row.kind] = row.pending_amount
            else:
                out[row.kind] = row.amount
        return out

    async def self_excluded_until(self, user_id: int) -> datetime | None:
        async with self._sessions() as session:
            return await session.scalar(select(User.self_excluded_until).where(User.id == user_id))

    async def set_limit(self, user_id: int, kind: str, amount: Decimal, effective_from: datetime) -> None:
        async with self._sessions() as session, session.begin():
            row = await session.scalar(
                select(RgLimit).where(RgLimit.user_id == user_id, RgLimit.kind == kind).with_for_update()
            )
            if row is None:
                session.add(RgLimit(user_id=user_id, kind=kind, amount=amount))
            elif amount <= row.amount:
                row.amount = amount
                row.pending_amount = None
                row.pending_from = None
            else:
                row.pending_amount = amount
                row.pending_from = effective_from


class RgBlocked(Exception):
    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def _day_key(prefix: str, user_id: int) -> str:
    return f"rg:{prefix}:{user_id}:{datetime.now(timezone.utc):%Y%m%d}"


class ResponsibleGamblingService:
    def __init__(self, repo: RgRepository, redis: Redis) -> None:
        self._repo = repo
        self._redis = redis

    async def assert_not_excluded(self, user_id: int) -> None:
        until = await self._repo.self_excluded_until(user_id)
        if until is not None and until > datetime.now(timezone.utc):
            logger.info("blocked self-excluded user %s (until %s)", user_id, until.isoformat())
            raise RgBlocked("self_excluded")

    async def assert_can_stake(self, user_id: int, stake: Decimal) -> None:
        await self.assert_not_excluded(user_id)
        limits = await self._repo.limits_for(user_id)
        single = limits.get("stake_single")
        if single is not None and stake > single:
            raise RgBlocked("single_stake_limit")
        daily = limits.get("stake_daily")
        if daily is not None:
            spent = Decimal(await self._redis.get(_day_key("stake", user_id)) or "0")
            if spent + stake > daily:
                raise RgBlocked("daily_stake_limit")

    async def record_stake(self, user_id: int, stake: Decimal) -> None:
        key = _day_key("stake", user_id)
        total = await self._redis.incrbyfloat(key, float(stake))
        await self._redis.expire(key, 2 * 86400)
        logger.debug("user %s staked %s today", user_id, total)

    async def record_loss(self, user_id: int, amount: Decimal) -> None:
        key = _day_key("loss", user_id)
        current = Decimal(await self._redis.get(key) or "0")
        await self._redis.set(key, str(current + amount), ex=8 * 86400)

    async def weekly_loss(self, user_id: int) -> Decimal:
        keys = [f"rg:loss:{user_id}:{d}" for d in _last_seven_days()]
        values = await self._redis.mget(keys)
        return sum((Decimal(v) for v in values if v is not None), Decimal(0))


class RealityCheck:
    """Session timer: clients are reminded how long they have been playing."""

    def __init__(self, redis: Redis, interval_s: int = 3600) -> None:
        self._redis = redis
        self._interval = interval_s

    async def touch(self, user_id: int) -> bool:
        """Record activity; True when a reminder is due."""
        key = f"rg:session:{user_id}"
        started = await self._redis.set(key, datetime.now(timezone.utc).isoformat(), nx=True, ex=4 * 3600)
        if started:
            return False
        reminder_key = f"rg:reminded:{user_id}"
        return bool(await self._redis.set(reminder_key, "1", nx=True, ex=self._interval))


def _last_seven_days() -> list[str]:
    from datetime import timedelta

    today = datetime.now(timezone.utc).date()
    return [(today - timedelta(days=i)).strftime("%Y%m%d") for i in range(7)]
