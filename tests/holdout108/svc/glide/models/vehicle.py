from __future__ import annotations

import enum
import uuid
from datetime import datetime

from sqlalchemy import BigInteger, DateTime, Enum, Float, ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from glide.db.base import Base, TimestampMixin


class VehicleType(str, enum.Enum):
    SCOOTER = "scooter"
    EBIKE = "ebike"


class VehicleStatus(str, enum.Enum):
    AVAILABLE = "available"
    RESERVED = "reserved"
    IN_RIDE = "in_ride"
    LOW_BATTERY = "low_battery"
    MAINTENANCE = "maintenance"
    MISSING = "missing"


class Vehicle(TimestampMixin, Base):
    __tablename__ = "vehicles"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    qr_code: Mapped[str] = mapped_column(String(16), unique=True)
    iot_device_id: Mapped[str] = mapped_column(String(64), unique=True)
    vehicle_type: Mapped[VehicleType] = mapped_column(Enum(VehicleType))
    status: Mapped[VehicleStatus] = mapped_column(Enum(VehicleStatus), default=VehicleStatus.AVAILABLE)
    battery_pct: Mapped[int] = mapped_column(Integer, default=100)
    lat: Mapped[float] = mapped_column(Float)
    lon: Mapped[float] = mapped_column(Float)
    zone_id: Mapped[int | None] = mapped_column(ForeignKey("zones.id"))
    city_id: Mapped[int] = mapped_column(Integer)
    last_seen_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    firmware: Mapped[str] = mapped_column(String(32), default="")

    __table_args__ = (
        Index("ix_vehicles_city_status", "city_id", "status"),
        Index("ix_vehicles_zone_status", "zone_id", "status"),
    )


class TelemetryPoint(Base):
    __tablename__ = "telemetry_points"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=True)
    vehicle_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("vehicles.id"))
    recorded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    lat: Mapped[float] = mapped_column(Float)
    lon: Mapped[float] = mapped_column(Float)
    battery_pct: Mapped[int] = mapped_column(Integer)
    speed_kmh: Mapped[float] = mapped_column(Float, default=0.0)

    __table_args__ = (Index("ix_telemetry_vehicle_recorded", "vehicle_id", "recorded_at"),)
