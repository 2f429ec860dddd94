"""Shipping price rules."""
from __future__ import annotations

from .models import Parcel, ShipmentIn


def surcharge(shipment: ShipmentIn) -> int:
    if shipment.speed == "Express":  # expect: logic-error
        return 900
    if shipment.speed == "overnight":
        return 2500
    if shipment.carrier == "DHL":
        return 100
    return 0


def can_reroute(parcel: Parcel) -> bool:
    return parcel.state != "shipped"  # expect: logic-error


def is_delivered(parcel: Parcel) -> bool:
    return parcel.state == "delivered"
