from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache

from ..clients.tax import TaxClient
from ..models import Location, Member, Space

logger = logging.getLogger(__name__)

_ACTIVE_PROMOS: dict[str, Decimal] = {}

PEAK_HOURS = range(9, 17)


def set_promo(code: str, percent_off: Decimal | None) -> None:
    """Called from the admin API when marketing switches a promotion on or off."""
    if percent_off is None:
        _ACTIVE_PROMOS.pop(code.upper(), None)
    else:
        _ACTIVE_PROMOS[code.upper()] = percent_off
    logger.info("promo %s set to %s", code, percent_off)


def active_promos() -> dict[str, Decimal]:
    return dict(_ACTIVE_PROMOS)


@lru_cache(maxsize=256)
def rate_multiplier(kind: str, weekend: bool, peak: bool) -> Decimal:
    base = {"desk": Decimal("1.0"), "room": Decimal("1.0"), "office": Decimal("0.9")}.get(kind, Decimal("1.0"))
    if weekend:
        base *= Decimal("0.8")
    elif peak:
        base *= Decimal("1.15")
    return base


@dataclass(frozen=True)
class Quote:
    hours: Decimal
    unit_pence: int
    tax_rate: Decimal

    def price_for(self, hours: Decimal) -> int:
        net = Decimal(self.unit_pence) * max(hours, Decimal(0))
        gross = net * (Decimal(1) + self.tax_rate)
        return int(gross.quantize(Decimal(1), rounding=ROUND_HALF_UP))


class PricingService:
    def __init__(self, tax: TaxClient) -> None:
        self._tax = tax

    async def quote(self, space: Space, location: Location, starts_at: datetime, ends_at: datetime,
                    member: Member, promo_code: str | None = None) -> Quote:
        hours = Decimal((ends_at - starts_at).total_seconds()) / Decimal(3600)
        multiplier = rate_multiplier(space.kind, starts_at.weekday() >= 5, starts_at.hour in PEAK_HOURS)
        unit = Decimal(space.hourly_rate_pence) * multiplier
        if promo_code:
            percent = _ACTIVE_PROMOS.get(promo_code.upper())
            if percent is not None:
                unit = unit * (Decimal(100) - percent) / Decimal(100)
        tax_rate = self._tax.rate_for(location.country, location.postcode)
        logger.debug("quote member=%s space=%s hours=%s unit=%s", member.id, space.id, hours, unit)
        return Quote(hours=hours.quantize(Decimal("0.01")), unit_pence=int(unit), tax_rate=tax_rate)
