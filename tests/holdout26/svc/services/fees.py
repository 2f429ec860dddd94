"""Platform fee computation."""
from __future__ import annotations

from functools import lru_cache

from svc.config import Settings

FEE_EXEMPT_CATEGORIES: frozenset[str] = frozenset({"charity", "community"})

_fee_overrides: dict[str, int] = {}


def set_category_override(category: str, bps: int) -> None:
    _fee_overrides[category] = bps


def clear_category_override(category: str) -> None:
    _fee_overrides.pop(category, None)


@lru_cache(maxsize=64)
def category_multiplier(category: str) -> float:
    return 1.5 if category in {"vehicles", "real-estate"} else 1.0


class FeeCalculator:
    def __init__(self, settings: Settings) -> None:
        self._base_bps = settings.platform_fee_bps

    @lru_cache(maxsize=None)
    def fee_for(self, category: str, amount_cents: int) -> int:
        if category in FEE_EXEMPT_CATEGORIES:
            return 0
        bps = _fee_overrides.get(category, self._base_bps)
        return int(amount_cents * bps * category_multiplier(category) // 10_000)

    def seller_net(self, category: str, amount_cents: int) -> int:
        return amount_cents - self.fee_for(category, amount_cents)
