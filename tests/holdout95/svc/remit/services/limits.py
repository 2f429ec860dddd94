"""Per-corridor daily limits, scaled by the sender's KYC tier."""
from __future__ import annotations

import asyncio
import json
import uuid
from dataclasses import asdict, dataclass
from datetime import date
from decimal import Decimal

from redis.asyncio import Redis

from ..errors import LimitExceeded
from ..models import KycTier
from ..repositories.limits import LimitRepository
from ..utils.money import corridor_code

_TIER_FACTOR = {KycTier.NONE: Decimal(0), KycTier.BASIC: Decimal(1), KycTier.FULL: Decimal(5),
                KycTier.ENHANCED: Decimal(20)}


@dataclass(frozen=True)
class CorridorLimits:
    corridor: str
    daily_limit: str
    per_transfer_max: str

    def to_json(self) -> str:
        return json.dumps(asdict(self))

    @classmethod
    def from_json(cls, raw: str) -> "CorridorLimits":
        return cls(**json.loads(raw))


DEFAULT_LIMITS = CorridorLimits("*", "1000.00", "500.00")


class CorridorLimiter:
    def __init__(self, repo: LimitRepository, redis: Redis) -> None:
        self._repo = repo
        self._redis = redis
        self._lock = asyncio.Lock()

    async def limits_for(self, source_country: str, target_country: str) -> CorridorLimits:
        key = f"corridor_limits:{source_country}"
        cached = await self._redis.get(key)
        if cached:
            return CorridorLimits.from_json(cached)
        async with self._lock:  # one refresh per process at a time
            row = await self._repo.corridor_limits(corridor_code(source_country, target_country))
            limits = (
                CorridorLimits(row["corridor"], str(row["daily_limit"]), str(row["per_transfer_max"]))
                if row else DEFAULT_LIMITS
            )
            await self._redis.set(key, limits.to_json(), ex=300)
            return limits

    async def reserve(
        self, sender_id: uuid.UUID, tier: KycTier, source_country: str, target_country: str, amount: Decimal
    ) -> None:
        async with self._lock:
            limits = await self.limits_for(source_country, target_country)
        factor = _TIER_FACTOR[tier]
        if amount > Decimal(limits.per_transfer_max) * factor:
            raise LimitExceeded("amount exceeds the per-transfer maximum for your verification level")
        corridor = corridor_code(source_country, target_country)
        ok = await self._repo.try_reserve(
            sender_id, corridor, date.today(), amount, Decimal(limits.daily_limit) * factor
        )
        if not ok:
            raise LimitExceeded("daily limit for this corridor reached")

    async def release(self, sender_id: uuid.UUID, corridor: str, day: date, amount: Decimal) -> None:
        await self._repo.release(sender_id, corridor, day, amount)

    async def remaining(self, sender_id: uuid.UUID, tier: KycTier, source_country: str, target_country: str) -> Decimal:
        limits = await self.limits_for(source_country, target_country)
        used = await self._repo.used_today(sender_id, corridor_code(source_country, target_country), date.today())
        return max(Decimal(limits.daily_limit) * _TIER_FACTOR[tier] - used, Decimal(0))
