"""ORM schema. Indexes are declared here; the raw-SQL extras live in ``ddl.py``."""
from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    Numeric,
    String,
    UniqueConstraint,
    func,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


class Base(DeclarativeBase):
    pass


class Hotel(Base):
    __tablename__ = "hotels"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(16), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    timezone: Mapped[str] = mapped_column(String(64), default="UTC")
    currency: Mapped[str] = mapped_column(String(3), default="EUR")


class RoomType(Base):
    __tablename__ = "room_types"
    __table_args__ = (UniqueConstraint("hotel_id", "code", name="uq_room_types_hotel_code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    hotel_id: Mapped[int] = mapped_column(ForeignKey("hotels.id"), index=True)
    code: Mapped[str] = mapped_column(String(16))
    name: Mapped[str] = mapped_column(String(120))
    max_occupancy: Mapped[int] = mapped_column(Integer, default=2)
    total_rooms: Mapped[int] = mapped_column(Integer, default=0)


class Room(Base):
    __tablename__ = "rooms"
    __table_args__ = (
        UniqueConstraint("hotel_id", "number", name="uq_rooms_hotel_number"),
        Index("ix_rooms_hotel_type", "hotel_id", "room_type_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    hotel_id: Mapped[int] = mapped_column(ForeignKey("hotels.id"))
    room_type_id: Mapped[int] = mapped_column(ForeignKey("room_types.id"))
    number: Mapped[str] = mapped_column(String(8))
    floor: Mapped[int] = mapped_column(Integer, default=1)
    hk_status: Mapped[str] = mapped_column(String(16), default="clean")
    out_of_order: Mapped[bool] = mapped_column(Boolean, default=False)

    room_type: Mapped[RoomType] = relationship(lazy="raise")


class RatePlan(Base):
    __tablename__ = "rate_plans"
    __table_args__ = (UniqueConstraint("hotel_id", "code", name="uq_rate_plans_hotel_code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    hotel_id: Mapped[int] = mapped_column(ForeignKey("hotels.id"), index=True)
    code: Mapped[str] = mapped_column(String(16))
    name: Mapped[str] = mapped_column(String(120))
    meal_plan: Mapped[str] = mapped_column(String(8), default="RO")
    refundable: Mapped[bool] = mapped_column(Boolean, default=True)
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class DailyRate(Base):
    __tablename__ = "daily_rates"
    __table_args__ = (
        UniqueConstraint("rate_plan_id", "room_type_id", "stay_date", name="uq_daily_rates_key"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    rate_plan_id: Mapped[int] = mapped_column(ForeignKey("rate_plans.id"))
    room_type_id: Mapped[int] = mapped_column(ForeignKey("room_types.id"))
    stay_date: Mapped[date] = mapped_column(Date)
    amount: Mapped[Decimal] = mapped_column(Numeric(10, 2))
    closed: Mapped[bool] = mapped_column(Boolean, default=False)


class Guest(Base):
    __tablename__ = "guests"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), index=True)
    first_name: Mapped[str] = mapped_column(String(100))
    last_name: Mapped[str] = mapped_column(String(100))
    phone: Mapped[str | None] = mapped_column(String(40))
    loyalty_id: Mapped[str | None] = mapped_column(String(32))


class Reservation(Base):
    __tablename__ = "reservations"
    __table_args__ = (
        Index("ix_reservations_hotel_checkin", "hotel_id", "check_in"),
        Index("ix_reservations_status", "status"),
        UniqueConstraint("channel", "external_ref", name="uq_reservations_channel_ref"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    hotel_id: Mapped[int] = mapped_column(ForeignKey("hotels.id"))
    guest_id: Mapped[int] = mapped_column(ForeignKey("guests.id"), index=True)
    room_type_id: Mapped[int] = mapped_column(ForeignKey("room_types.id"))
    room_id: Mapped[int | None] = mapped_column(ForeignKey("rooms.id"))
    rate_plan_id: Mapped[int] = mapped_column(ForeignKey("rate_plans.id"))
    confirmation_code: Mapped[str] = mapped_column(String(12))
    channel: Mapped[str] = mapped_column(String(24), default="direct")
    external_ref: Mapped[str | None] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(16), default="confirmed")
    check_in: Mapped[date] = mapped_column(Date)
    check_out: Mapped[date] = mapped_column(Date)
    adults: Mapped[int] = mapped_column(Integer, default=1)
    children: Mapped[int] = mapped_column(Integer, default=0)
    total_amount: Mapped[Decimal] = mapped_column(Numeric(12, 2))
    currency: Mapped[str] = mapped_column(String(3))
    payment_ref: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now(), onupdate=func.now()
    )

    guest: Mapped[Guest] = relationship(lazy="raise")
    charges: Mapped[list[FolioCharge]] = relationship(back_populates="reservation", lazy="raise")


class InventoryHold(Base):
    __tablename__ = "inventory_holds"
    __table_args__ = (
        Index("ix_holds_session", "session_token"),
        Index("ix_holds_type_dates", "hotel_id", "room_type_id", "check_in"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    hotel_id: Mapped[int] = mapped_column(ForeignKey("hotels.id"))
    room_type_id: Mapped[int] = mapped_column(ForeignKey("room_types.id"))
    check_in: Mapped[date] = mapped_column(Date)
    check_out: Mapped[date] = mapped_column(Date)
    quantity: Mapped[int] = mapped_column(Integer, default=1)
    session_token: Mapped[str] = mapped_column(String(64))
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    released: Mapped[bool] = mapped_column(Boolean, default=False)


class FolioCharge(Base):
    __tablename__ = "folio_charges"

    id: Mapped[int] = mapped_column(primary_key=True)
    reservation_id: Mapped[int] = mapped_column(ForeignKey("reservations.id"), index=True)
    posted_on: Mapped[date] = mapped_column(Date)
    code: Mapped[str] = mapped_column(String(16))
    description: Mapped[str] = mapped_column(String(200))
    amount: Mapped[Decimal] = mapped_column(Numeric(10, 2))

    reservation: Mapped[Reservation] = relationship(back_populates="charges", lazy="raise")


class Invoice(Base):
    __tablename__ = "invoices"
    __table_args__ = (Index("ix_invoices_status_issued", "status", "issued_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    reservation_id: Mapped[int] = mapped_column(ForeignKey("reservations.id"), index=True)
    number: Mapped[int] = mapped_column(Integer, unique=True)
    status: Mapped[str] = mapped_column(String(16), default="draft")
    issued_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    total: Mapped[Decimal] = mapped_column(Numeric(12, 2))
    currency: Mapped[str] = mapped_column(String(3))
    pdf_path: Mapped[str | None] = mapped_column(String(300))
    attempts: Mapped[int] = mapped_column(Integer, default=0)


class HousekeepingTask(Base):
    __tablename__ = "housekeeping_tasks"
    __table_args__ = (Index("ix_hk_tasks_hotel_date", "hotel_id", "task_date"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    hotel_id: Mapped[int] = mapped_column(ForeignKey("hotels.id"))
    room_id: Mapped[int] = mapped_column(ForeignKey("rooms.id"))
    task_date: Mapped[date] = mapped_column(Date)
    kind: Mapped[str] = mapped_column(String(16), default="stayover")
    status: Mapped[str] = mapped_column(String(16), default="pending")
    assigned_to: Mapped[str | None] = mapped_column(String(64))


class ChannelSyncLog(Base):
    __tablename__ = "channel_sync_log"
    __table_args__ = (Index("ix_channel_sync_hotel_created", "hotel_id", "created_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    hotel_id: Mapped[int] = mapped_column(ForeignKey("hotels.id"))
    channel: Mapped[str] = mapped_column(String(24))
    kind: Mapped[str] = mapped_column(String(16))
    payload: Mapped[dict] = mapped_column(JSON)
    status: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class NightAuditRun(Base):
    __tablename__ = "night_audit_runs"
    __table_args__ = (Index("ix_night_audit_day", "hotel_id", "business_date"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    hotel_id: Mapped[int] = mapped_column(ForeignKey("hotels.id"))
    business_date: Mapped[date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(16), default="running")
    started_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    finished_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
