"""Pre-trade risk checks and in-memory exposure bookkeeping."""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Mapping, Sequence

from app.config import settings
from app.services import order_service

logger = logging.getLogger(__name__)

DEFAULT_USER_LIMIT = Decimal("1000000")


@dataclass(frozen=True)
class RiskDecision:
    approved: bool
    reasons: tuple[str, ...] = field(default_factory=tuple)


def compute_notional(quantity: Decimal, price: Decimal) -> Decimal:
    return (quantity * price).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def round_to_tick(price: Decimal, tick_size: Decimal) -> Decimal:
    if tick_size <= 0:
        raise ValueError("tick_size must be positive")
    ticks = (price / tick_size).quantize(Decimal("1"), rounding=ROUND_HALF_UP)
    return ticks * tick_size


def check_order_limits(
    side: str,
    quantity: Decimal,
    price: Decimal | None,
    cash_balance: Decimal,
    max_notional: Decimal | None = None,
) -> RiskDecision:
    """Stateless checks that every order must pass before it is persisted."""
    reasons: list[str] = []
    if quantity <= 0:
        reasons.append("quantity must be positive")
    if price is None or price <= 0:
        reasons.append("no reference price available")
        return RiskDecision(False, tuple(reasons))

    limit = max_notional if max_notional is not None else Decimal(str(settings.max_order_notional))
    notional = compute_notional(quantity, price)
    if notional > limit:
        reasons.append(f"notional {notional} exceeds per-order limit {limit}")
    if side == "buy":
        required = notional + order_service.estimate_fees(notional)
        if required > cash_balance:
            reasons.append(f"insufficient cash: need {required}, have {cash_balance}")
    return RiskDecision(not reasons, tuple(reasons))


def position_concentration(position_values: Mapping[str, Decimal]) -> dict[str, Decimal]:
    """Share of gross market value held in each symbol."""
    gross = sum((abs(v) for v in position_values.values()), Decimal("0"))
    if gross == 0:
        return {symbol: Decimal("0") for symbol in position_values}
    return {
        symbol: (abs(value) / gross).quantize(Decimal("0.0001"))
        for symbol, value in position_values.items()
    }


def concentration_breaches(
    position_values: Mapping[str, Decimal], threshold: float | None = None
) -> list[str]:
    limit = Decimal(str(threshold if threshold is not None else settings.max_position_concentration))
    shares = position_concentration(position_values)
    return sorted(symbol for symbol, share in shares.items() if share > limit)


def max_drawdown(equity_curve: Sequence[Decimal]) -> Decimal:
    """Largest peak-to-trough decline as a fraction of the peak."""
    peak: Decimal | None = None
    worst = Decimal("0")
    for value in equity_curve:
        if peak is None or value > peak:
            peak = value
        if peak and peak > 0:
            drawdown = (peak - value) / peak
            if drawdown > worst:
                worst = drawdown
    return worst


class RiskEngine:
    """Tracks reserved exposure per user between order submission and fill."""

    def __init__(self, dm) -> None:
        self.dm = dm
        self._exposure_lock = asyncio.Lock()
        self._limits_lock = asyncio.Lock()
        self._exposure: dict[int, Decimal] = {}
        self._limits: dict[int, Decimal] = {}

    async def _load_limit(self, user_id: int) -> Decimal:
        user = await self.dm.get_user(user_id)
        if user is None:
            return Decimal("0")
        raw = (user["settings"] or {}).get("exposure_limit")
        return Decimal(str(raw)) if raw is not None else DEFAULT_USER_LIMIT

    async def reserve_exposure(self, user_id: int, notional: Decimal) -> bool:
        async with self._exposure_lock:
            current = self._exposure.get(user_id, Decimal("0"))
            async with self._limits_lock:
                limit = self._limits.get(user_id)
                if limit is None:
                    limit = await self._load_limit(user_id)
                    self._limits[user_id] = limit
            if current + notional > limit:
                logger.info("exposure limit hit for user %s (%s + %s > %s)", user_id, current, notional, limit)
                return False
            self._exposure[user_id] = current + notional
            return True

    async def release_exposure(self, user_id: int, notional: Decimal) -> None:
        async with self._exposure_lock:
            remaining = self._exposure.get(user_id, Decimal("0")) - notional
            self._exposure[user_id] = max(remaining, Decimal("0"))

    async def reload_limits(self, user_ids: Sequence[int]) -> None:
        """Refresh per-user limits and trim reservations that no longer fit."""
        async with self._limits_lock, self._exposure_lock:
            for user_id in user_ids:
                limit = await self._load_limit(user_id)
                self._limits[user_id] = limit
                if self._exposure.get(user_id, Decimal("0")) > limit:
                    logger.warning("user %s reserved exposure above new limit %s", user_id, limit)
                    self._exposure[user_id] = limit

    def snapshot(self) -> dict[int, Decimal]:
        return dict(self._exposure)
