from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import (
    BigInteger,
    Date,
    DateTime,
    Float,
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


class Vessel(Base):
    __tablename__ = "vessels"
    __table_args__ = (
        UniqueConstraint("imo", name="uq_vessels_imo"),
        Index("ix_vessels_mmsi", "mmsi"),
        Index("ix_vessels_name_lower", func.lower("name")),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    imo: Mapped[str] = mapped_column(String(10))
    mmsi: Mapped[str] = mapped_column(String(9))
    name: Mapped[str] = mapped_column(String(120))
    vessel_type: Mapped[str] = mapped_column(String(40))
    dwt: Mapped[int] = mapped_column(Integer)
    gross_tonnage: Mapped[int] = mapped_column(Integer)
    active: Mapped[bool] = mapped_column(default=True)
    gateway_key_hash: Mapped[str | None] = mapped_column(String(128))


class Voyage(Base):
    __tablename__ = "voyages"
    __table_args__ = (
        Index("ix_voyages_vessel_status", "vessel_id", "status"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    vessel_id: Mapped[int] = mapped_column(ForeignKey("vessels.id"))
    voyage_no: Mapped[int] = mapped_column(Integer)
    origin_port: Mapped[str] = mapped_column(String(5))
    destination_port: Mapped[str] = mapped_column(String(5))
    status: Mapped[str] = mapped_column(String(20), default="planned")
    planned_speed_kn: Mapped[float] = mapped_column(Float)
    etd: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    eta: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    waypoints: Mapped[list[Waypoint]] = relationship(back_populates="voyage", order_by="Waypoint.seq")


class Waypoint(Base):
    __tablename__ = "waypoints"
    __table_args__ = (Index("ix_waypoints_voyage_seq", "voyage_id", "seq"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    voyage_id: Mapped[int] = mapped_column(ForeignKey("voyages.id", ondelete="CASCADE"))
    seq: Mapped[int] = mapped_column(Integer)
    lat: Mapped[float] = mapped_column(Float)
    lon: Mapped[float] = mapped_column(Float)

    voyage: Mapped[Voyage] = relationship(back_populates="waypoints")


class NoonReport(Base):
    __tablename__ = "noon_reports"
    __table_args__ = (Index("ix_noon_reports_vessel_reported", "vessel_id", "reported_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    vessel_id: Mapped[int] = mapped_column(ForeignKey("vessels.id"))
    voyage_id: Mapped[int] = mapped_column(ForeignKey("voyages.id"))
    reported_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    distance_nm: Mapped[float] = mapped_column(Float)
    fuel_hfo_t: Mapped[float] = mapped_column(Float, default=0.0)
    fuel_vlsfo_t: Mapped[float] = mapped_column(Float, default=0.0)
    fuel_mgo_t: Mapped[float] = mapped_column(Float, default=0.0)
    remarks: Mapped[str | None] = mapped_column(Text)
    attachment_path: Mapped[str | None] = mapped_column(String(255))


class BunkerOrder(Base):
    __tablename__ = "bunker_orders"
    __table_args__ = (
        Index("ix_bunker_orders_vessel_status", "vessel_id", "status"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    vessel_id: Mapped[int] = mapped_column(ForeignKey("vessels.id"))
    port_code: Mapped[str] = mapped_column(String(5))
    grade: Mapped[str] = mapped_column(String(10))
    quantity_t: Mapped[Decimal] = mapped_column(Numeric(10, 2))
    status: Mapped[str] = mapped_column(String(20), default="draft")
    supplier_id: Mapped[int | None] = mapped_column(Integer)
    price_usd_t: Mapped[Decimal | None] = mapped_column(Numeric(10, 2))


class SupplierQuote(Base):
    __tablename__ = "supplier_quotes"
    __table_args__ = (
        UniqueConstraint("order_id", "supplier_id", name="uq_quote_order_supplier"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("bunker_orders.id", ondelete="CASCADE"))
    supplier_id: Mapped[int] = mapped_column(Integer)
    price_usd_t: Mapped[Decimal] = mapped_column(Numeric(10, 2))
    valid_until: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class PortCall(Base):
    __tablename__ = "port_calls"
    __table_args__ = (
        Index("ix_port_calls_voyage", "voyage_id"),
        Index("ix_port_calls_port_eta", "port_code", "eta"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    voyage_id: Mapped[int] = mapped_column(ForeignKey("voyages.id"))
    port_code: Mapped[str] = mapped_column(String(5))
    agent_ref: Mapped[str | None] = mapped_column(String(40))
    eta: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    etb: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    etd: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    berth: Mapped[str | None] = mapped_column(String(40))


class CharterParty(Base):
    __tablename__ = "charter_parties"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    voyage_id: Mapped[int] = mapped_column(ForeignKey("voyages.id"), unique=True)
    laytime_hours: Mapped[float] = mapped_column(Float)
    demurrage_rate_usd_day: Mapped[Decimal] = mapped_column(Numeric(12, 2))
    despatch_rate_usd_day: Mapped[Decimal] = mapped_column(Numeric(12, 2))
    shinc: Mapped[bool] = mapped_column(default=True)


class LaytimeEvent(Base):
    __tablename__ = "laytime_events"
    __table_args__ = (Index("ix_laytime_events_cp_at", "charter_party_id", "occurred_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    charter_party_id: Mapped[int] = mapped_column(ForeignKey("charter_parties.id"))
    kind: Mapped[str] = mapped_column(String(30))
    occurred_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    counts: Mapped[bool] = mapped_column(default=True)


class CrewMember(Base):
    __tablename__ = "crew_members"
    __table_args__ = (Index("ix_crew_members_vessel", "vessel_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    vessel_id: Mapped[int | None] = mapped_column(ForeignKey("vessels.id"))
    full_name: Mapped[str] = mapped_column(String(120))
    rank: Mapped[str] = mapped_column(String(40))
    email: Mapped[str] = mapped_column(String(200))
    sign_on: Mapped[date | None] = mapped_column(Date)
    sign_off_due: Mapped[date | None] = mapped_column(Date)


class CrewCertificate(Base):
    __tablename__ = "crew_certificates"
    __table_args__ = (
        Index("ix_crew_certificates_member", "crew_member_id"),
        Index("ix_crew_certificates_expires", "expires_on"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    crew_member_id: Mapped[int] = mapped_column(ForeignKey("crew_members.id"))
    code: Mapped[str] = mapped_column(String(20))
    expires_on: Mapped[date] = mapped_column(Date)


class EmissionRecord(Base):
    __tablename__ = "emission_records"
    __table_args__ = (
        UniqueConstraint("vessel_id", "period_day", name="uq_emission_vessel_day"),
    )

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    vessel_id: Mapped[int] = mapped_column(ForeignKey("vessels.id"))
    period_day: Mapped[date] = mapped_column(Date)
    co2_t: Mapped[float] = mapped_column(Float)
    distance_nm: Mapped[float] = mapped_column(Float)
    submitted: Mapped[bool] = mapped_column(default=False)


class ChatMessage(Base):
    __tablename__ = "chat_messages"
    __table_args__ = (Index("ix_chat_messages_room_id", "room", "id"),)

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    room: Mapped[str] = mapped_column(String(60))
    author: Mapped[str] = mapped_column(String(120))
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
