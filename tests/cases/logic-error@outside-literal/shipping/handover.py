"""Handover instructions."""
from __future__ import annotations

from .models import CourierPickup, Handover, LockerDrop, Pickup


def instructions(handover: Handover) -> str:
    if handover.mode == "locker":
        return "drop at the locker"
    return "wait for the courier"


def inline(handover: CourierPickup | LockerDrop) -> bool:
    return handover.mode != "locker"


def pickup_note(pickup: Pickup) -> str:
    if pickup.mode == "Courier":  # expect: logic-error
        return "courier"
    return ""
