"""Branches, vehicles and the maintenance jobs booked against them."""
from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import DateTime, Float, ForeignKey, Index, Integer, String, func
from sqlalchemy.orm import Mapped, mapped_column

from ..db import Base

VEHICLE_CLASSES = frozenset({"mini", "economy", "compact", "suv", "van", "premium", "ev-compact"})


class Branch(Base):
    __tablename__ = "branches"

    id: Mapped[str] = mapped_column(String(16), primary_key=True)  # e.g. "LIS-APT"
    name: Mapped[str] = mapped_column(String(120))
    country: Mapped[str] = mapped_column(String(2))
    region: Mapped[str] = mapped_column(String(32), index=True)
    timezone: Mapped[str] = mapped_column(String(40))
    lat: Mapped[float] = mapped_column(Float)
    lon: Mapped[float] = mapped_column(Float)
    one_way_fee_cents: Mapped[int] = mapped_column(Integer, default=0)
    garage_id: Mapped[str | None] = mapped_column(String(32))


class Vehicle(Base):
    __tablename__ = "vehicles"
    __table_args__ = (
        Index("ix_vehicles_branch_class_status", "branch_id", "vehicle_class", "status"),
        Index("ix_vehicles_plate_prefix", "plate", postgresql_ops={"plate": "text_pattern_ops"}),
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    vin: Mapped[str] = mapped_column(String(17), unique=True)
    plate: Mapped[str] = mapped_column(String(12))
    branch_id: Mapped[str] = mapped_column(ForeignKey("branches.id"))
    vehicle_class: Mapped[str] = mapped_column(String(16))
    status: Mapped[str] = mapped_column(String(16), default="available")
    fuel_type: Mapped[str] = mapped_column(String(8), default="petrol")  # petrol | diesel | ev
    tank_litres: Mapped[float] = mapped_column(Float, default=50.0)
    battery_kwh: Mapped[float] = mapped_column(Float, default=0.0)
    fuel_pct: Mapped[float] = mapped_column(Float, default=100.0)
    odometer_km: Mapped[int] = mapped_column(Integer, default=0)
    last_service_km: Mapped[int] = mapped_column(Integer, default=0)
    last_lat: Mapped[float | None] = mapped_column(Float)
    last_lon: Mapped[float | None] = mapped_column(Float)
    position_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class MaintenanceJob(Base):
    __tablename__ = "maintenance_jobs"
    __table_args__ = (
        Index("ix_maintenance_vehicle_status", "vehicle_id", "status"),
        Index("ix_maintenance_garage_slot", "garage_id", "slot_at"),
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    vehicle_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("vehicles.id"))
    kind: Mapped[str] = mapped_column(String(24), default="service")
    status: Mapped[str] = mapped_column(String(12), default="booked")  # booked | done | cancelled
    garage_id: Mapped[str] = mapped_column(String(32))
    slot_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
