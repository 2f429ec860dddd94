"""ORM models. Indexes are declared here and mirrored by the migrations."""
from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy import (
    BigInteger,
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


class Venue(Base):
    __tablename__ = "venues"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    city: Mapped[str] = mapped_column(String(120), index=True)
    timezone: Mapped[str] = mapped_column(String(64), default="UTC")
    capacity: Mapped[int] = mapped_column(Integer)

    seats: Mapped[list["Seat"]] = relationship(back_populates="venue")
    events: Mapped[list["Event"]] = relationship(back_populates="venue")


class Event(Base):
    __tablename__ = "events"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    venue_id: Mapped[int] = mapped_column(ForeignKey("venues.id"), index=True)
    slug: Mapped[str] = mapped_column(String(160), unique=True)
    title: Mapped[str] = mapped_column(String(300))
    status: Mapped[str] = mapped_column(String(20), default="draft")
    starts_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)
    on_sale_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    payout_account: Mapped[str | None] = mapped_column(String(80))

    venue: Mapped[Venue] = relationship(back_populates="events")


class Seat(Base):
    __tablename__ = "seats"
    __table_args__ = (
        Index("ix_seats_venue_section_row", "venue_id", "section", "row_label"),
    )

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    venue_id: Mapped[int] = mapped_column(ForeignKey("venues.id"), index=True)
    section: Mapped[str] = mapped_column(String(40))
    row_label: Mapped[str] = mapped_column(String(8))
    number: Mapped[int] = mapped_column(Integer)
    price_tier: Mapped[str] = mapped_column(String(20), default="standard")

    venue: Mapped[Venue] = relationship(back_populates="seats")


class SeatHold(Base):
    __tablename__ = "seat_holds"
    __table_args__ = (
        UniqueConstraint("event_id", "seat_id", name="uq_seat_holds_event_seat"),
        Index("ix_seat_holds_expires_at", "expires_at"),
    )

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id"))
    seat_id: Mapped[int] = mapped_column(ForeignKey("seats.id"))
    session_id: Mapped[str] = mapped_column(String(64))
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class Order(Base):
    __tablename__ = "orders"
    __table_args__ = (
        Index("ix_orders_status_created", "status", "created_at"),
    )

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id"), index=True)
    customer_email: Mapped[str] = mapped_column(String(320))
    status: Mapped[str] = mapped_column(String(20), default="pending")
    total: Mapped[Decimal] = mapped_column(Numeric(12, 2))
    currency: Mapped[str] = mapped_column(String(3), default="EUR")
    payment_intent_id: Mapped[str | None] = mapped_column(String(80), unique=True)
    idempotency_key: Mapped[str] = mapped_column(String(80), unique=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    settled_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    tickets: Mapped[list["Ticket"]] = relationship(back_populates="order")


class Ticket(Base):
    __tablename__ = "tickets"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id"), index=True)
    seat_id: Mapped[int] = mapped_column(ForeignKey("seats.id"))
    barcode: Mapped[str] = mapped_column(String(64))
    holder_name: Mapped[str | None] = mapped_column(String(200))
    transfer_pin_hash: Mapped[str | None] = mapped_column(String(80))
    scanned_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    order: Mapped[Order] = relationship(back_populates="tickets")


class PromoCode(Base):
    __tablename__ = "promo_codes"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id"), index=True)
    discount_pct: Mapped[int] = mapped_column(Integer)
    uses: Mapped[int] = mapped_column(Integer, default=0)
    max_uses: Mapped[int] = mapped_column(Integer)
