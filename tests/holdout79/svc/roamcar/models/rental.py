"""Customers, reservations and the inspections recorded at pickup and return."""
from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import Boolean, CheckConstraint, DateTime, Float, ForeignKey, Index, Integer, String, Text, func
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..db import Base


class Customer(Base):
    __tablename__ = "customers"
    __table_args__ = (Index("ix_customers_kyc_status", "kyc_status"),)

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    full_name: Mapped[str] = mapped_column(String(200))
    phone: Mapped[str | None] = mapped_column(String(32))
    push_token: Mapped[str | None] = mapped_column(String(255))
    licence_number: Mapped[str | None] = mapped_column(String(40))
    licence_country: Mapped[str | None] = mapped_column(String(2))
    kyc_status: Mapped[str] = mapped_column(String(16), default="none")  # none | pending | verified | rejected
    kyc_check_id: Mapped[str | None] = mapped_column(String(64))
    credit_cents: Mapped[int] = mapped_column(Integer, default=0)
    pin_hash: Mapped[str | None] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class Reservation(Base):
    __tablename__ = "reservations"
    __table_args__ = (
        Index("ix_reservations_vehicle_window", "vehicle_id", "starts_at", "ends_at"),
        Index("ix_reservations_customer_created", "customer_id", "created_at"),
        Index("ix_reservations_deposit_release", "deposit_status", "deposit_release_at"),
        Index("ix_reservations_pickup_branch_start", "pickup_branch_id", "starts_at"),
        CheckConstraint("ends_at > starts_at", name="ck_reservations_window"),
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    code: Mapped[str] = mapped_column(String(10), unique=True)
    customer_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("customers.id"))
    vehicle_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("vehicles.id"))
    vehicle_class: Mapped[str] = mapped_column(String(16))
    pickup_branch_id: Mapped[str] = mapped_column(ForeignKey("branches.id"))
    return_branch_id: Mapped[str] = mapped_column(ForeignKey("branches.id"))
    starts_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    ends_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    picked_up_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    returned_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    status: Mapped[str] = mapped_column(String(12), default="pending")
    quoted_total_cents: Mapped[int] = mapped_column(Integer)
    surcharge_cents: Mapped[int] = mapped_column(Integer, default=0)
    deposit_cents: Mapped[int] = mapped_column(Integer)
    deposit_hold_id: Mapped[str | None] = mapped_column(String(64))
    deposit_status: Mapped[str] = mapped_column(String(12), default="none")  # none | held | released | captured
    deposit_release_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    fuel_out_pct: Mapped[float | None] = mapped_column(Float)
    fuel_in_pct: Mapped[float | None] = mapped_column(Float)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())

    inspections: Mapped[list["Inspection"]] = relationship(back_populates="reservation", lazy="raise")


class Inspection(Base):
    __tablename__ = "inspections"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    reservation_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("reservations.id"), index=True)
    kind: Mapped[str] = mapped_column(String(8))  # pickup | return
    inspector: Mapped[str] = mapped_column(String(64))
    notes: Mapped[str] = mapped_column(Text, default="")
    damage_found: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())

    reservation: Mapped[Reservation] = relationship(back_populates="inspections")
    photos: Mapped[list["InspectionPhoto"]] = relationship(
        back_populates="inspection", cascade="all, delete-orphan", lazy="raise"
    )


class InspectionPhoto(Base):
    __tablename__ = "inspection_photos"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    inspection_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("inspections.id", ondelete="CASCADE"), index=True)
    storage_key: Mapped[str] = mapped_column(String(255))
    thumb_key: Mapped[str] = mapped_column(String(255))
    size_bytes: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())

    inspection: Mapped[Inspection] = relationship(back_populates="photos")
