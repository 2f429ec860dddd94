"""ORM models for the brokerage core tables."""
from __future__ import annotations

import enum
from datetime import datetime
from decimal import Decimal

from sqlalchemy import (
    BigInteger,
    DateTime,
    Enum,
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


class LoadStatus(str, enum.Enum):
    OPEN = "open"
    TENDERED = "tendered"
    BOOKED = "booked"
    IN_TRANSIT = "in_transit"
    DELIVERED = "delivered"
    CANCELLED = "cancelled"


class BidStatus(str, enum.Enum):
    PENDING = "pending"
    ACCEPTED = "accepted"
    REJECTED = "rejected"
    WITHDRAWN = "withdrawn"
    EXPIRED = "expired"


class Shipper(Base):
    __tablename__ = "shippers"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    api_key_hash: Mapped[str] = mapped_column(String(128))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class Carrier(Base):
    __tablename__ = "carriers"
    __table_args__ = (
        Index("ix_carriers_equipment_status", "equipment", "compliance_status"),
        Index("ix_carriers_checked_at", "compliance_checked_at"),
    )

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    legal_name: Mapped[str] = mapped_column(String(200))
    dot_number: Mapped[str] = mapped_column(String(12), unique=True)
    mc_number: Mapped[str | None] = mapped_column(String(12))
    payout_account_id: Mapped[str | None] = mapped_column(String(64))
    compliance_status: Mapped[str] = mapped_column(String(20), default="unknown")
    compliance_checked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    insurance_expires_on: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    home_lat: Mapped[float | None]
    home_lon: Mapped[float | None]
    equipment: Mapped[str] = mapped_column(String(20), default="dry_van")


class Load(Base):
    __tablename__ = "loads"
    __table_args__ = (
        Index("ix_loads_status_pickup", "status", "pickup_at"),
        Index("ix_loads_carrier_delivered", "carrier_id", "delivered_at"),
    )

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    reference_number: Mapped[int] = mapped_column(BigInteger, unique=True)
    shipper_id: Mapped[int] = mapped_column(ForeignKey("shippers.id"), index=True)
    carrier_id: Mapped[int | None] = mapped_column(ForeignKey("carriers.id"))
    status: Mapped[LoadStatus] = mapped_column(Enum(LoadStatus, name="load_status"), default=LoadStatus.OPEN)
    origin_city: Mapped[str] = mapped_column(String(120))
    origin_state: Mapped[str] = mapped_column(String(2))
    origin_lat: Mapped[float]
    origin_lon: Mapped[float]
    dest_city: Mapped[str] = mapped_column(String(120))
    dest_state: Mapped[str] = mapped_column(String(2))
    dest_lat: Mapped[float]
    dest_lon: Mapped[float]
    equipment: Mapped[str] = mapped_column(String(20))
    weight_lbs: Mapped[int] = mapped_column(Integer)
    target_rate_cents: Mapped[int | None] = mapped_column(BigInteger)
    agreed_rate_cents: Mapped[int | None] = mapped_column(BigInteger)
    pickup_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    delivered_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    paid_out_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    notes: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())

    bids: Mapped[list["Bid"]] = relationship(back_populates="load", lazy="raise")
    stops: Mapped[list["Stop"]] = relationship(back_populates="load", lazy="raise")


class Bid(Base):
    __tablename__ = "bids"
    __table_args__ = (UniqueConstraint("carrier_id", "load_id", name="uq_bid_carrier_load"),)

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    load_id: Mapped[int] = mapped_column(ForeignKey("loads.id", ondelete="CASCADE"))
    carrier_id: Mapped[int] = mapped_column(ForeignKey("carriers.id"))
    rate_cents: Mapped[int] = mapped_column(BigInteger)
    status: Mapped[BidStatus] = mapped_column(Enum(BidStatus, name="bid_status"), default=BidStatus.PENDING)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())

    load: Mapped[Load] = relationship(back_populates="bids")


class Tender(Base):
    __tablename__ = "tenders"
    __table_args__ = (Index("ix_tenders_state_expires", "state", "expires_at"),)

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    load_id: Mapped[int] = mapped_column(ForeignKey("loads.id"), index=True)
    bid_id: Mapped[int] = mapped_column(ForeignKey("bids.id"))
    carrier_id: Mapped[int] = mapped_column(ForeignKey("carriers.id"))
    state: Mapped[str] = mapped_column(String(16), default="offered")
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class Stop(Base):
    __tablename__ = "stops"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    load_id: Mapped[int] = mapped_column(ForeignKey("loads.id"), index=True)
    kind: Mapped[str] = mapped_column(String(10))  # pickup, delivery, fuel, scale, relay
    facility_name: Mapped[str] = mapped_column(String(200))
    arrived_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    departed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    detention_billed_cents: Mapped[int] = mapped_column(BigInteger, default=0)

    load: Mapped[Load] = relationship(back_populates="stops")


class Document(Base):
    __tablename__ = "documents"
    __table_args__ = (Index("ix_documents_load_kind", "load_id", "kind"),)

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    load_id: Mapped[int] = mapped_column(ForeignKey("loads.id"))
    kind: Mapped[str] = mapped_column(String(20))
    storage_key: Mapped[str] = mapped_column(String(300))
    status: Mapped[str] = mapped_column(String(30), default="uploaded")
    ocr_job_id: Mapped[str | None] = mapped_column(String(64))
    extracted: Mapped[str | None] = mapped_column(Text)
    uploaded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class Payout(Base):
    __tablename__ = "payouts"
    __table_args__ = (UniqueConstraint("carrier_id", "week_start", name="uq_payout_carrier_week"),)

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    carrier_id: Mapped[int] = mapped_column(ForeignKey("carriers.id"))
    week_start: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    amount_cents: Mapped[int] = mapped_column(BigInteger)
    fee: Mapped[Decimal] = mapped_column(Numeric(10, 2), default=Decimal("0"))
    transfer_id: Mapped[str | None] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(20), default="pending")
