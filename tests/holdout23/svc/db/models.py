"""ORM models. Index declarations here are the source for the migrations."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    BigInteger,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    UniqueConstraint,
    func,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.ext.asyncio import AsyncAttrs
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


class Base(AsyncAttrs, DeclarativeBase):
    pass


class Venue(Base):
    __tablename__ = "venues"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    group_id: Mapped[int] = mapped_column(BigInteger, index=True)
    name: Mapped[str] = mapped_column(String(120))
    timezone: Mapped[str] = mapped_column(String(64), default="UTC")
    service_hours: Mapped[str] = mapped_column(String(200), default="17:00-23:00")
    deposit_from_covers: Mapped[int] = mapped_column(Integer, default=8)
    deposit_cents_per_cover: Mapped[int] = mapped_column(Integer, default=2000)
    currency: Mapped[str] = mapped_column(String(3), default="EUR")
    webhook_urls: Mapped[list[str]] = mapped_column(JSONB, default=list)
    floor_plan: Mapped[dict[str, Any] | None] = mapped_column(JSONB, nullable=True)


class DiningTable(Base):
    __tablename__ = "dining_tables"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    venue_id: Mapped[int] = mapped_column(ForeignKey("venues.id"), index=True)
    label: Mapped[str] = mapped_column(String(16))
    section: Mapped[str] = mapped_column(String(32), default="main")
    min_covers: Mapped[int] = mapped_column(Integer, default=1)
    max_covers: Mapped[int] = mapped_column(Integer, default=4)
    combinable: Mapped[bool] = mapped_column(Boolean, default=False)
    pos_table_ref: Mapped[str | None] = mapped_column(String(64), nullable=True)


class Guest(Base):
    __tablename__ = "guests"
    __table_args__ = (
        UniqueConstraint("group_id", "email", name="uq_guests_group_email"),
        Index("ix_guests_group_id", "group_id", "id"),
    )

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    group_id: Mapped[int] = mapped_column(BigInteger)
    first_name: Mapped[str] = mapped_column(String(80))
    last_name: Mapped[str] = mapped_column(String(80))
    email: Mapped[str] = mapped_column(String(254))
    phone_e164: Mapped[str] = mapped_column(String(20))
    visit_count: Mapped[int] = mapped_column(Integer, default=0)
    marketing_opt_in: Mapped[bool] = mapped_column(Boolean, default=False)
    tags: Mapped[list[str]] = mapped_column(JSONB, default=list)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class Reservation(Base):
    __tablename__ = "reservations"
    __table_args__ = (
        Index("ix_reservations_venue_starts", "venue_id", "starts_at"),
        Index("ix_reservations_guest_starts", "guest_id", "starts_at"),
        Index("ix_reservations_status_starts", "status", "starts_at"),
        Index("ix_reservations_starts", "starts_at"),
    )

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    venue_id: Mapped[int] = mapped_column(ForeignKey("venues.id"))
    guest_id: Mapped[int | None] = mapped_column(ForeignKey("guests.id"), nullable=True)
    table_id: Mapped[int | None] = mapped_column(ForeignKey("dining_tables.id"), index=True, nullable=True)
    party_size: Mapped[int] = mapped_column(Integer)
    starts_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    ends_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    seated_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    status: Mapped[str] = mapped_column(String(20), default="booked")
    confirmation_code: Mapped[str] = mapped_column(String(12), unique=True)
    source: Mapped[str] = mapped_column(String(20), default="widget")
    pos_check_id: Mapped[str | None] = mapped_column(String(64), nullable=True)
    spend_cents: Mapped[int | None] = mapped_column(Integer, nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())

    guest: Mapped[Guest | None] = relationship()
    table: Mapped[DiningTable | None] = relationship()


class Deposit(Base):
    __tablename__ = "deposits"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    reservation_id: Mapped[int] = mapped_column(ForeignKey("reservations.id"), index=True)
    provider_intent_id: Mapped[str] = mapped_column(String(64))
    amount_cents: Mapped[int] = mapped_column(Integer)
    currency: Mapped[str] = mapped_column(String(3))
    status: Mapped[str] = mapped_column(String(24), default="requires_payment")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class WaitlistEntry(Base):
    __tablename__ = "waitlist_entries"
    __table_args__ = (Index("ix_waitlist_queue", "venue_id", "status", "priority", "joined_at"),)

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    venue_id: Mapped[int] = mapped_column(ForeignKey("venues.id"))
    guest_name: Mapped[str] = mapped_column(String(120))
    phone_e164: Mapped[str] = mapped_column(String(20))
    party_size: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(16), default="waiting")
    priority: Mapped[int] = mapped_column(Integer, default=0)
    quoted_minutes: Mapped[int | None] = mapped_column(Integer, nullable=True)
    joined_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    notified_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)


class DailyReport(Base):
    __tablename__ = "daily_reports"
    __table_args__ = (UniqueConstraint("venue_id", "day", name="uq_daily_reports_venue_day"),)

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    venue_id: Mapped[int] = mapped_column(ForeignKey("venues.id"))
    day: Mapped[date] = mapped_column(Date)
    pdf: Mapped[bytes] = mapped_column(LargeBinary)
