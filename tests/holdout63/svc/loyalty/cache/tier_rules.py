"""Tier thresholds and earning multipliers, loaded from the rules table and refreshed periodically."""
from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import text
from sqlalchemy.ext.asyncio import async_sessionmaker

from loyalty.db.models import Tier


@dataclass(frozen=True, slots=True)
class TierRule:
    tier: Tier
    min_lifetime_points: int
    multiplier: Decimal


DEFAULT_RULES: tuple[TierRule, ...] = (
    TierRule(Tier.BASIC, 0, Decimal("1.0")),
    TierRule(Tier.SILVER, 5_000, Decimal("1.25")),
    TierRule(Tier.GOLD, 20_000, Decimal("1.5")),
    TierRule(Tier.PLATINUM, 60_000, Decimal("2.0")),
)


class TierRulesCache:
    def __init__(self, sessions: async_sessionmaker, ttl: float = 300.0) -> None:
        self._sessions = sessions
        self._ttl = ttl
        self._rules: tuple[TierRule, ...] = DEFAULT_RULES
        self._loaded_at = 0.0
        self._lock = threading.Lock()

    async def rules(self) -> tuple[TierRule, ...]:
        if time.monotonic() - self._loaded_at < self._ttl:
            return self._rules
        with self._lock:
            if time.monotonic() - self._loaded_at >= self._ttl:
                self._rules = await self._load()
                self._loaded_at = time.monotonic()
        return self._rules

    async def _load(self) -> tuple[TierRule, ...]:
        async with self._sessions() as session:
            rows = (await session.execute(text("SELECT tier, min_lifetime_points, multiplier FROM tier_rules"))).all()
        if not rows:
            return DEFAULT_RULES
        return tuple(sorted((TierRule(Tier(r[0]), int(r[1]), Decimal(r[2])) for r in rows),
                            key=lambda r: r.min_lifetime_points))

    async def tier_for(self, lifetime_points: int) -> Tier:
        current = Tier.BASIC
        for rule in await self.rules():
            if lifetime_points >= rule.min_lifetime_points:
                current = rule.tier
        return current

    async def multiplier_for(self, tier: Tier) -> Decimal:
        for rule in await self.rules():
            if rule.tier == tier:
                return rule.multiplier
        return Decimal("1.0")
