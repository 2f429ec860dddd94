from __future__ import annotations

import enum

from sqlalchemy import Enum, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from glide.db.base import Base, TimestampMixin


class ZoneKind(str, enum.Enum):
    OPERATING = "operating"
    NO_PARKING = "no_parking"
    SLOW = "slow"
    PARKING_HUB = "parking_hub"


class Zone(TimestampMixin, Base):
    __tablename__ = "zones"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    city_id: Mapped[int] = mapped_column(Integer, index=True)
    name: Mapped[str] = mapped_column(String(120))
    kind: Mapped[ZoneKind] = mapped_column(Enum(ZoneKind))
    polygon_wkt: Mapped[str] = mapped_column(Text)
    per_minute_cents: Mapped[int] = mapped_column(Integer, default=25)
    unlock_fee_cents: Mapped[int | None] = mapped_column(Integer)
    speed_limit_kmh: Mapped[int | None] = mapped_column(Integer)
    target_vehicles: Mapped[int] = mapped_column(Integer, default=0)
    active: Mapped[bool] = mapped_column(default=True)
