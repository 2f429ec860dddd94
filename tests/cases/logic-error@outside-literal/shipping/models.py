"""Shipment schemas."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Literal, Optional

from pydantic import BaseModel, Field


class ShipmentIn(BaseModel):
    speed: Literal["standard", "express", "overnight"]
    carrier: str
    fragile: bool = False


@dataclass
class Parcel:
    state: Optional[Literal["packed", "in_transit", "delivered"]]
    weight_kg: float


class CourierPickup(BaseModel):
    mode: Literal["courier"] = "courier"
    window: str


class LockerDrop(BaseModel):
    mode: Literal["locker"] = "locker"
    locker_id: str


# a discriminated union behind an alias: a value is either member
Handover = Annotated[CourierPickup | LockerDrop, Field(discriminator="mode")]
# an alias of one class: its field is that class's
Pickup = Annotated[CourierPickup, Field(description="a courier pickup")]
