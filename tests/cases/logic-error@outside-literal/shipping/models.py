"""Shipment schemas."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, Optional

from pydantic import BaseModel


class ShipmentIn(BaseModel):
    speed: Literal["standard", "express", "overnight"]
    carrier: str
    fragile: bool = False


@dataclass
class Parcel:
    state: Optional[Literal["packed", "in_transit", "delivered"]]
    weight_kg: float
