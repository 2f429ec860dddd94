"""Whether a promotion window is open at a given moment."""
from __future__ import annotations

from datetime import datetime


def promotion_open(promo, now: datetime) -> bool:
    return promo.opens_at <= now and now <= promo.opens_at  # expect: logic-error


def promotion_open_ok(promo, now: datetime) -> bool:
    return promo.opens_at <= now and now <= promo.closes_at


def exactly_at_opening(promo, now: datetime) -> bool:
    return promo.opens_at <= now and now < promo.closes_at and now.minute == 0
