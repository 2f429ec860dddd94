from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    BigInteger,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    Numeric,
    String,
    Text,
    UniqueConstraint,
    func,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


class Base(DeclarativeBase):
    pass


class Depot(Base):
    __tablename__ = "depots"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    name: Mapped[str] = mapped_column(String(120))
    lat: Mapped[float]
    lon: Mapped[float]


class Bin(Base):
    __tablename__ = "bins"
    __table_args__ = (
        Index("ix_bins_depot_active", "depot_id", "retired"),
        Index("ix_bins_street_trgm", "street", postgresql_using="gin", postgresql_ops={"street": "gin_trgm_ops"}),
    )

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    dev_eui: Mapped[str] = mapped_column(String(16), unique=True)
    rfid_tag: Mapped[str | None] = mapped_column(String(24), unique=True)
    depot_id: Mapped[str] = mapped_column(ForeignKey("depots.id"))
    customer_id: Mapped[int | None] = mapped_column(ForeignKey("customers.id"), index=True)
    stream: Mapped[str] = mapped_column(String(16))  # general | recycling | organic
    capacity_litres: Mapped[int] = mapped_column(Integer)
    street: Mapped[str] = mapped_column(String(200))
    address: Mapped[str] = mapped_column(String(300))
    ward: Mapped[str] = mapped_column(String(64))
    lat: Mapped[float]
    lon: Mapped[float]
    retired: Mapped[bool] = mapped_column(Boolean, default=False)
    notes: Mapped[str | None] = mapped_column(Text)


class FillReading(Base):
    __tablename__ = "fill_readings"
    __table_args__ = (Index("ix_fill_readings_bin_time", "bin_id", "recorded_at"),)

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    bin_id: Mapped[str] = mapped_column(ForeignKey("bins.id"))
    fill_pct: Mapped[int] = mapped_column(Integer)
    battery_mv: Mapped[int] = mapped_column(Integer)
    temperature_c: Mapped[float | None]
    recorded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    received_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class Truck(Base):
    __tablename__ = "trucks"

    id: Mapped[str] = mapped_column(String(16), primary_key=True)
    depot_id: Mapped[str] = mapped_column(ForeignKey("depots.id"), index=True)
    registration: Mapped[str] = mapped_column(String(16), unique=True)
    capacity_kg: Mapped[int] = mapped_column(Integer)


class CollectionRoute(Base):
    __tablename__ = "collection_routes"
    __table_args__ = (UniqueConstraint("depot_id", "truck_id", "service_date", name="uq_route_truck_day"),)

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    depot_id: Mapped[str] = mapped_column(ForeignKey("depots.id"))
    truck_id: Mapped[str] = mapped_column(ForeignKey("trucks.id"))
    service_date: Mapped[date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(16), default="planned")
    route_hash: Mapped[str | None] = mapped_column(String(40))
    stops: Mapped[list[RouteStop]] = relationship(back_populates="route", order_by="RouteStop.seq")


class RouteStop(Base):
    __tablename__ = "route_stops"
    __table_args__ = (Index("ix_route_stops_route_seq", "route_id", "seq"),)

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    route_id: Mapped[int] = mapped_column(ForeignKey("collection_routes.id"))
    bin_id: Mapped[str] = mapped_column(ForeignKey("bins.id"), index=True)
    seq: Mapped[int] = mapped_column(Integer)
    eta: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    lifted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    route: Mapped[CollectionRoute] = relationship(back_populates="stops")


class LiftEvent(Base):
    __tablename__ = "lift_events"
    __table_args__ = (Index("ix_lift_events_truck_time", "truck_id", "lifted_at"),)

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    truck_id: Mapped[str] = mapped_column(ForeignKey("trucks.id"))
    rfid_tag: Mapped[str] = mapped_column(String(24))
    bin_id: Mapped[str | None] = mapped_column(ForeignKey("bins.id"), index=True)
    customer_id: Mapped[int | None] = mapped_column(ForeignKey("customers.id"), index=True)
    weight_kg: Mapped[float | None] = mapped_column(Numeric(8, 2))
    lifted_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class MissedReport(Base):
    __tablename__ = "missed_reports"
    __table_args__ = (Index("ix_missed_reports_status_created", "status", "created_at"),)

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    bin_id: Mapped[str] = mapped_column(ForeignKey("bins.id"), nullable=False)
    reporter_email: Mapped[str] = mapped_column(String(200))
    description: Mapped[str | None] = mapped_column(Text)
    photo_key: Mapped[str | None] = mapped_column(String(200))
    status: Mapped[str] = mapped_column(String(16), default="open")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class BulkySlot(Base):
    __tablename__ = "bulky_slots"
    __table_args__ = (UniqueConstraint("depot_id", "slot_date", name="uq_bulky_slot_day"),)

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    depot_id: Mapped[str] = mapped_column(ForeignKey("depots.id"))
    slot_date: Mapped[date] = mapped_column(Date)
    capacity: Mapped[int] = mapped_column(Integer)
    booked: Mapped[int] = mapped_column(Integer, default=0)


class BulkyBooking(Base):
    __tablename__ = "bulky_bookings"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    slot_id: Mapped[int] = mapped_column(ForeignKey("bulky_slots.id"), index=True)
    reference: Mapped[str] = mapped_column(String(16), unique=True)
    address: Mapped[str] = mapped_column(String(300))
    items: Mapped[str] = mapped_column(Text)
    amount_pence: Mapped[int] = mapped_column(Integer)
    charge_id: Mapped[str | None] = mapped_column(String(64), unique=True)
    status: Mapped[str] = mapped_column(String(16), default="pending")


class WeighTicket(Base):
    __tablename__ = "weigh_tickets"
    __table_args__ = (Index("ix_weigh_tickets_depot_time", "depot_id", "weighed_at"),)

    ticket_no: Mapped[str] = mapped_column(String(32), primary_key=True)
    depot_id: Mapped[str] = mapped_column(ForeignKey("depots.id"))
    truck_id: Mapped[str] = mapped_column(ForeignKey("trucks.id"))
    gross_kg: Mapped[int] = mapped_column(Integer)
    tare_kg: Mapped[int] = mapped_column(Integer)
    tier: Mapped[str] = mapped_column(String(16))
    weighed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class Customer(Base):
    __tablename__ = "customers"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    billing_email: Mapped[str] = mapped_column(String(200))
    payment_token: Mapped[str | None] = mapped_column(String(64))
    rate_pence_per_lift: Mapped[int] = mapped_column(Integer)
    balance_pence: Mapped[int] = mapped_column(Integer, default=0)
    active: Mapped[bool] = mapped_column(Boolean, default=True, index=True)


class Invoice(Base):
    __tablename__ = "invoices"
    __table_args__ = (
        UniqueConstraint("customer_id", "period_start", name="uq_invoice_customer_period"),
        Index("ix_invoices_status", "status"),
    )

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"))
    period_start: Mapped[date] = mapped_column(Date)
    lifts: Mapped[int] = mapped_column(Integer)
    amount_pence: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(16), default="pending")
    charge_id: Mapped[str | None] = mapped_column(String(64))
