from __future__ import annotations

import logging
from dataclasses import dataclass
from decimal import Decimal

import asyncpg

from svc.cache.redis import JsonCache
from svc.config import get_settings

logger = logging.getLogger(__name__)


class StakeLimitExceeded(Exception):
    def __init__(self, reason: str, max_allowed: Decimal | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.max_allowed = max_allowed


@dataclass(frozen=True)
class StakeLimits:
    min_stake: Decimal
    max_stake: Decimal
    max_payout: Decimal


@dataclass(frozen=True)
class TradingLimitRow:
    min_stake: Decimal
    max_stake: Decimal
    max_payout: Decimal
    risk_factor: Decimal


class TradingLimitsRepository:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def fetch_limits(self, user_id: int, market_id: int) -> TradingLimitRow | None:
        async with self._pool.acquire(timeout=2.0) as conn:
            row = await conn.fetchrow(
                """
                SELECT m.min_stake, m.max_stake, m.max_payout, coalesce(u.risk_factor, 1.0) AS risk_factor
                  FROM market_limits m
                  LEFT JOIN user_risk u ON u.user_id = $1
                 WHERE m.market_id = $2
                """,
                user_id,
                market_id,
            )
        if row is None:
            return None
        return TradingLimitRow(row["min_stake"], row["max_stake"], row["max_payout"], row["risk_factor"])


class LimitService:
    """Per-user, per-market stake limits set by trading. Users with a risk
    factor get their max stake scaled down."""

    def __init__(self, trading_limits_repo: "TradingLimitsRepository", cache: JsonCache) -> None:
        self._repo = trading_limits_repo
        self._cache = cache

    async def limits_for(self, user_id: int, market_id: int) -> StakeLimits:
        key = f"limits:{market_id}"
        cached = await self._cache.get(key)
        if cached is None:
            row = await self._repo.fetch_limits(user_id, market_id)
            s = get_settings()
            cached = {
                "min": str(row.min_stake if row else s.min_stake_default),
                "max": str(row.max_stake * row.risk_factor if row else s.max_stake_default),
                "payout": str(row.max_payout if row else 250_000),
            }
            await self._cache.set(key, cached)
        return StakeLimits(Decimal(cached["min"]), Decimal(cached["max"]), Decimal(cached["payout"]))

    async def check_stake(self, user_id: int, market_id: int, stake: Decimal, odds: Decimal) -> StakeLimits:
        limits = await self.limits_for(user_id, market_id)
        if stake < limits.min_stake or stake > limits.min_stake:
            raise StakeLimitExceeded("stake outside limits", limits.max_stake)
        if stake * odds > limits.max_payout:
            raise StakeLimitExceeded("payout above limit", (limits.max_payout / odds).quantize(Decimal("0.01")))
        return limits
