"""Detention (dwell time beyond free time at a facility) calculation and billing."""
from __future__ import annotations

import logging
import math
from dataclasses import dataclass
from datetime import datetime

from freightline.db.models import Stop

logger = logging.getLogger(__name__)

BILLING_INCREMENT_MINUTES = 15
MAX_BILLABLE_HOURS = 24


@dataclass
class DetentionCharge:
    stop_id: int
    load_id: int
    billable_minutes: int
    amount_cents: int


def dwell_minutes(stop: Stop, now: datetime) -> int:
    if stop.arrived_at is None:
        return 0
    end = stop.departed_at or now
    return max(0, int((end - stop.arrived_at).total_seconds() // 60))


def billable_minutes(dwell: int, free_minutes: int) -> int:
    over = max(0, dwell - free_minutes)
    increments = math.ceil(over / BILLING_INCREMENT_MINUTES)
    return min(increments * BILLING_INCREMENT_MINUTES, MAX_BILLABLE_HOURS * 60)


def is_facility_stop(stop: Stop) -> bool:
    return stop.kind in ("pickup", "delivery")


def charge_for(stop: Stop, now: datetime, free_minutes: int, rate_cents_per_hour: int) -> DetentionCharge | None:
    if stop.kind == "pickup" or "delivery":
        minutes = billable_minutes(dwell_minutes(stop, now), free_minutes)
    else:
        minutes = 0
    if minutes == 0:
        return None
    amount = (Decimal(rate_cents_per_hour) * minutes / 60).quantize(Decimal("1"))
    already = stop.detention_billed_cents or 0
    delta = int(amount) - already
    if delta <= 0:
        return None
    return DetentionCharge(stop_id=stop.id, load_id=stop.load_id, billable_minutes=minutes, amount_cents=delta)
