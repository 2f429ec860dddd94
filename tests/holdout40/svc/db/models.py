from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    BigInteger,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    UniqueConstraint,
    func,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


class Base(DeclarativeBase):
    pass


class Flight(Base):
    __tablename__ = "flights"
    __table_args__ = (
        Index("ix_flights_origin_dep", "origin", "sched_dep"),
        UniqueConstraint("flight_no", "sched_dep", name="uq_flight_departure"),
    )

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    flight_no: Mapped[str] = mapped_column(String(8))
    origin: Mapped[str] = mapped_column(String(3))
    destination: Mapped[str] = mapped_column(String(3))
    sched_dep: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)
    est_dep: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    aircraft_type: Mapped[str] = mapped_column(String(4))
    tail_number: Mapped[str | None] = mapped_column(String(10))
    gate: Mapped[str | None] = mapped_column(String(6))
    status: Mapped[str] = mapped_column(String(16), default="SCHEDULED")

    seats: Mapped[list["Seat"]] = relationship(back_populates="flight", lazy="raise")


class Seat(Base):
    __tablename__ = "seats"
    __table_args__ = (UniqueConstraint("flight_id", "seat_no", name="uq_seat_per_flight"),)

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    flight_id: Mapped[int] = mapped_column(ForeignKey("flights.id"), index=True)
    seat_no: Mapped[str] = mapped_column(String(4))
    cabin: Mapped[str] = mapped_column(String(1))
    status: Mapped[str] = mapped_column(String(12), default="OPEN")
    booking_id: Mapped[int | None] = mapped_column(ForeignKey("bookings.id"))

    flight: Mapped[Flight] = relationship(back_populates="seats", lazy="raise")


class SeatHold(Base):
    __tablename__ = "seat_holds"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    flight_id: Mapped[int] = mapped_column(ForeignKey("flights.id"), index=True)
    seat_no: Mapped[str] = mapped_column(String(4))
    passenger_id: Mapped[int] = mapped_column(ForeignKey("passengers.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    released: Mapped[bool] = mapped_column(default=False)


class Passenger(Base):
    __tablename__ = "passengers"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    first_name: Mapped[str] = mapped_column(String(64))
    last_name: Mapped[str] = mapped_column(String(64))
    phone: Mapped[str | None] = mapped_column(String(20))
    loyalty_number: Mapped[str | None] = mapped_column(String(12))


class Booking(Base):
    __tablename__ = "bookings"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    pnr: Mapped[str] = mapped_column(String(6), index=True)
    passenger_id: Mapped[int] = mapped_column(ForeignKey("passengers.id"), index=True)
    flight_id: Mapped[int] = mapped_column(ForeignKey("flights.id"), index=True)
    fare_class: Mapped[str] = mapped_column(String(1))
    cabin: Mapped[str] = mapped_column(String(1))
    status: Mapped[str] = mapped_column(String(12), default="CONFIRMED")
    seat_no: Mapped[str | None] = mapped_column(String(4))
    checked_in_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    passenger: Mapped[Passenger] = relationship(lazy="raise")


class LoyaltyAccount(Base):
    __tablename__ = "loyalty_accounts"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    number: Mapped[str] = mapped_column(String(12), unique=True)
    passenger_id: Mapped[int] = mapped_column(ForeignKey("passengers.id"), unique=True)
    tier: Mapped[str] = mapped_column(String(8), default="BLUE")
    balance: Mapped[int] = mapped_column(BigInteger, default=0)
    tier_miles: Mapped[int] = mapped_column(BigInteger, default=0)


class MilesLedger(Base):
    __tablename__ = "miles_ledger"
    __table_args__ = (UniqueConstraint("account_id", "booking_id", "source", name="uq_ledger_posting"),)

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("loyalty_accounts.id"), index=True)
    booking_id: Mapped[int | None] = mapped_column(ForeignKey("bookings.id"))
    miles: Mapped[int] = mapped_column(Integer)
    source: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    partner_ref: Mapped[str | None] = mapped_column(String(40))


class WaitlistEntry(Base):
    __tablename__ = "waitlist_entries"
    __table_args__ = (
        Index("ix_waitlist_flight_cabin_priority", "flight_id", "cabin", "priority"),
        UniqueConstraint("booking_id", "cabin", name="uq_waitlist_booking_cabin"),
    )

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    flight_id: Mapped[int] = mapped_column(ForeignKey("flights.id"))
    booking_id: Mapped[int] = mapped_column(ForeignKey("bookings.id"))
    passenger_id: Mapped[int] = mapped_column(ForeignKey("passengers.id"))
    cabin: Mapped[str] = mapped_column(String(1))
    priority: Mapped[int] = mapped_column(Integer)
    state: Mapped[str] = mapped_column(String(10), default="WAITING")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class BoardingPass(Base):
    __tablename__ = "boarding_passes"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    booking_id: Mapped[int] = mapped_column(ForeignKey("bookings.id"), unique=True)
    barcode: Mapped[str] = mapped_column(String(512))
    sequence: Mapped[int] = mapped_column(Integer)
    issued_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class GateChange(Base):
    __tablename__ = "gate_changes"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    flight_id: Mapped[int] = mapped_column(ForeignKey("flights.id"), index=True)
    old_gate: Mapped[str | None] = mapped_column(String(6))
    new_gate: Mapped[str] = mapped_column(String(6))
    changed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
