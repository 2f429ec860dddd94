"""ORM models and index definitions."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    BigInteger,
    Boolean,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    func,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


class Base(DeclarativeBase):
    pass


class Restaurant(Base):
    __tablename__ = "restaurants"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    slug: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    timezone: Mapped[str] = mapped_column(String(64), default="Europe/London")
    pos_location_id: Mapped[str | None] = mapped_column(String(64))
    turn_minutes: Mapped[int] = mapped_column(Integer, default=90)


class DiningTable(Base):
    __tablename__ = "dining_tables"
    __table_args__ = (
        UniqueConstraint("restaurant_id", "label", name="uq_table_label"),
        Index("ix_tables_restaurant_section", "restaurant_id", "section"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    restaurant_id: Mapped[int] = mapped_column(ForeignKey("restaurants.id"))
    label: Mapped[str] = mapped_column(String(16))
    section: Mapped[str] = mapped_column(String(32), default="main")
    capacity: Mapped[int] = mapped_column(Integer)
    min_covers: Mapped[int] = mapped_column(Integer, default=1)
    combinable: Mapped[bool] = mapped_column(Boolean, default=False)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    x: Mapped[int] = mapped_column(Integer, default=0)
    y: Mapped[int] = mapped_column(Integer, default=0)


class Guest(Base):
    __tablename__ = "guests"
    __table_args__ = (Index("ix_guests_phone", "phone", unique=True),)

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    phone: Mapped[str] = mapped_column(String(32))
    email: Mapped[str | None] = mapped_column(String(254))
    first_name: Mapped[str] = mapped_column(String(100))
    last_name: Mapped[str] = mapped_column(String(100))
    notes: Mapped[str | None] = mapped_column(Text)
    tags: Mapped[list[str]] = mapped_column(JSONB, default=list)
    visit_count: Mapped[int] = mapped_column(Integer, default=0)
    no_show_count: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class Booking(Base):
    __tablename__ = "bookings"
    __table_args__ = (
        Index("ix_bookings_restaurant_start", "restaurant_id", "starts_at"),
        Index("ix_bookings_guest", "guest_id"),
        Index("ix_bookings_status_start", "status", "starts_at"),
        Index("ix_bookings_table_start", "table_id", "starts_at"),
    )

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    restaurant_id: Mapped[int] = mapped_column(ForeignKey("restaurants.id"))
    guest_id: Mapped[int] = mapped_column(ForeignKey("guests.id"))
    table_id: Mapped[int | None] = mapped_column(ForeignKey("dining_tables.id"))
    party_size: Mapped[int] = mapped_column(Integer)
    starts_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    ends_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    status: Mapped[str] = mapped_column(String(16), default="booked")
    channel: Mapped[str] = mapped_column(String(32), default="web")
    partner_reference: Mapped[str | None] = mapped_column(String(80))
    special_requests: Mapped[str | None] = mapped_column(Text)
    reminder_sent_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())

    guest: Mapped[Guest] = relationship(lazy="raise")


class Deposit(Base):
    __tablename__ = "deposits"
    __table_args__ = (
        Index("ix_deposits_booking", "booking_id", unique=True),
        Index("ix_deposits_intent", "provider_intent_id", unique=True),
    )

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    booking_id: Mapped[int] = mapped_column(ForeignKey("bookings.id"))
    provider_intent_id: Mapped[str] = mapped_column(String(80))
    amount_cents: Mapped[int] = mapped_column(Integer)
    currency: Mapped[str] = mapped_column(String(3), default="GBP")
    status: Mapped[str] = mapped_column(String(24), default="requires_capture")
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now(), onupdate=func.now())


class LoyaltyAccount(Base):
    __tablename__ = "loyalty_accounts"

    guest_id: Mapped[int] = mapped_column(ForeignKey("guests.id"), primary_key=True)
    points: Mapped[int] = mapped_column(Integer, default=0)
    tier: Mapped[str] = mapped_column(String(16), default="standard")
    lifetime_spend_cents: Mapped[int] = mapped_column(BigInteger, default=0)


class LoyaltyLedger(Base):
    __tablename__ = "loyalty_ledger"
    __table_args__ = (
        Index("ix_ledger_guest_created", "guest_id", "created_at"),
        UniqueConstraint("source", "source_ref", name="uq_ledger_source"),
    )

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    guest_id: Mapped[int] = mapped_column(ForeignKey("guests.id"))
    delta: Mapped[int] = mapped_column(Integer)
    source: Mapped[str] = mapped_column(String(24))
    source_ref: Mapped[str] = mapped_column(String(80))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class WaitlistEntry(Base):
    __tablename__ = "waitlist_entries"
    __table_args__ = (Index("ix_waitlist_restaurant_status", "restaurant_id", "status", "created_at"),)

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    restaurant_id: Mapped[int] = mapped_column(ForeignKey("restaurants.id"))
    guest_name: Mapped[str] = mapped_column(String(120))
    phone: Mapped[str] = mapped_column(String(32))
    party_size: Mapped[int] = mapped_column(Integer)
    quoted_minutes: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(16), default="waiting")
    notified_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class PosCheck(Base):
    __tablename__ = "pos_checks"
    __table_args__ = (
        UniqueConstraint("restaurant_id", "external_check_id", name="uq_pos_check"),
    )

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    restaurant_id: Mapped[int] = mapped_column(ForeignKey("restaurants.id"))
    external_check_id: Mapped[str] = mapped_column(String(64))
    table_label: Mapped[str | None] = mapped_column(String(16))
    booking_id: Mapped[int | None] = mapped_column(ForeignKey("bookings.id"))
    total_cents: Mapped[int] = mapped_column(Integer, default=0)
    closed: Mapped[bool] = mapped_column(Boolean, default=False)
    payload: Mapped[dict] = mapped_column(JSONB, default=dict)
    synced_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class PartnerEvent(Base):
    __tablename__ = "partner_events"
    __table_args__ = (UniqueConstraint("partner", "event_id", name="uq_partner_event"),)

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    partner: Mapped[str] = mapped_column(String(32))
    event_id: Mapped[str] = mapped_column(String(80))
    kind: Mapped[str] = mapped_column(String(32))
    received_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class AuditLog(Base):
    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    actor: Mapped[str] = mapped_column(String(80))
    action: Mapped[str] = mapped_column(String(64))
    subject: Mapped[str] = mapped_column(String(120))
    detail: Mapped[dict] = mapped_column(JSONB, default=dict)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
