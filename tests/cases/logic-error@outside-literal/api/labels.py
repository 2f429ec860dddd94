"""Label printing."""
from __future__ import annotations

from shipping.models import ShipmentIn


def label_colour(shipment: ShipmentIn, speed: str) -> str:
    # `speed` is a plain string parameter: any value may come
    if speed == "EXPRESS":
        return "red"
    return "red" if shipment.speed in ("express", "overnight") else "white"
