from __future__ import annotations

import enum
import uuid
from datetime import datetime

from sqlalchemy import (
    BigInteger,
    Boolean,
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
from sqlalchemy.dialects.postgresql import JSONB, UUID
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


class Base(DeclarativeBase):
    pass


class LoadStatus(str, enum.Enum):
    POSTED = "posted"
    TENDERED = "tendered"
    BOOKED = "booked"
    IN_TRANSIT = "in_transit"
    DELIVERED = "delivered"
    INVOICED = "invoiced"
    CANCELLED = "cancelled"


class TenderStatus(str, enum.Enum):
    OFFERED = "offered"
    ACCEPTED = "accepted"
    DECLINED = "declined"
    EXPIRED = "expired"


class InvoiceStatus(str, enum.Enum):
    DRAFT = "draft"
    READY = "ready"
    SENT = "sent"
    FACTORED = "factored"
    PAID = "paid"
    PAYOUT_FAILED = "payout_failed"


class Shipper(Base):
    __tablename__ = "shippers"

    id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), primary_key=True, default=uuid.uuid4)
    name: Mapped[str] = mapped_column(String(200))
    billing_email: Mapped[str] = mapped_column(String(320))
    api_key_hash: Mapped[str] = mapped_column(String(128), unique=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class Carrier(Base):
    __tablename__ = "carriers"

    id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), primary_key=True, default=uuid.uuid4)
    legal_name: Mapped[str] = mapped_column(String(200))
    dot_number: Mapped[str] = mapped_column(String(16), unique=True)
    mc_number: Mapped[str | None] = mapped_column(String(16), index=True)
    dispatch_email: Mapped[str] = mapped_column(String(320))
    password_hash: Mapped[str | None] = mapped_column(String(200))
    authority_active: Mapped[bool] = mapped_column(Boolean, default=False)
    insurance_expires_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    cargo_coverage_cents: Mapped[int] = mapped_column(BigInteger, default=0)
    suspended: Mapped[bool] = mapped_column(Boolean, default=False)
    factoring_account_id: Mapped[str | None] = mapped_column(String(64))
    compliance_checked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class Load(Base):
    __tablename__ = "loads"
    __table_args__ = (
        Index("ix_loads_status_pickup", "status", "pickup_at"),
        Index("ix_loads_lane", "origin_state", "dest_state"),
    )

    id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), primary_key=True, default=uuid.uuid4)
    reference: Mapped[str] = mapped_column(String(40), unique=True)
    shipper_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("shippers.id"), index=True)
    carrier_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("carriers.id"), index=True)
    status: Mapped[LoadStatus] = mapped_column(Enum(LoadStatus, name="load_status"), default=LoadStatus.POSTED)
    origin_city: Mapped[str] = mapped_column(String(120))
    origin_state: Mapped[str] = mapped_column(String(2))
    dest_city: Mapped[str] = mapped_column(String(120))
    dest_state: Mapped[str] = mapped_column(String(2))
    commodity: Mapped[str] = mapped_column(String(200))
    weight_lbs: Mapped[int] = mapped_column(Integer)
    equipment: Mapped[str] = mapped_column(String(32))
    max_rate_cents: Mapped[int] = mapped_column(BigInteger)
    booked_rate_cents: Mapped[int | None] = mapped_column(BigInteger)
    pickup_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    deliver_by: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    notes: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())

    stops: Mapped[list["Stop"]] = relationship(back_populates="load", order_by="Stop.sequence")
    bids: Mapped[list["Bid"]] = relationship(back_populates="load", lazy="raise")


class Stop(Base):
    __tablename__ = "stops"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=True)
    load_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("loads.id", ondelete="CASCADE"), index=True)
    sequence: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(8))
    address: Mapped[str] = mapped_column(String(300))
    lat: Mapped[float | None] = mapped_column(Numeric(9, 6))
    lon: Mapped[float | None] = mapped_column(Numeric(9, 6))
    appointment_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    load: Mapped[Load] = relationship(back_populates="stops")


class Bid(Base):
    __tablename__ = "bids"
    __table_args__ = (UniqueConstraint("load_id", "carrier_id", name="uq_bid_load_carrier"),)

    id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), primary_key=True, default=uuid.uuid4)
    load_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("loads.id", ondelete="CASCADE"))
    carrier_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("carriers.id"))
    amount_cents: Mapped[int] = mapped_column(BigInteger)
    transit_hours: Mapped[int | None] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(16), default="open")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())

    load: Mapped[Load] = relationship(back_populates="bids")


class Tender(Base):
    __tablename__ = "tenders"
    __table_args__ = (Index("ix_tenders_status_expires", "status", "expires_at"),)

    id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), primary_key=True, default=uuid.uuid4)
    load_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("loads.id"), index=True)
    carrier_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("carriers.id"), index=True)
    bid_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("bids.id"))
    rate_cents: Mapped[int] = mapped_column(BigInteger)
    status: Mapped[TenderStatus] = mapped_column(Enum(TenderStatus, name="tender_status"), default=TenderStatus.OFFERED)
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    responded_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    rate_conf_path: Mapped[str | None] = mapped_column(String(400))


class Invoice(Base):
    __tablename__ = "invoices"
    __table_args__ = (
        Index("ix_invoices_status_created", "status", "created_at"),
        UniqueConstraint("number", name="uq_invoice_number"),
    )

    id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), primary_key=True, default=uuid.uuid4)
    number: Mapped[int] = mapped_column(BigInteger)
    load_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("loads.id"), unique=True)
    shipper_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("shippers.id"), index=True)
    carrier_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("carriers.id"), index=True)
    amount_cents: Mapped[int] = mapped_column(BigInteger)
    carrier_pay_cents: Mapped[int] = mapped_column(BigInteger)
    status: Mapped[InvoiceStatus] = mapped_column(Enum(InvoiceStatus, name="invoice_status"), default=InvoiceStatus.DRAFT)
    factoring_ref: Mapped[str | None] = mapped_column(String(64))
    extra: Mapped[dict] = mapped_column(JSONB, default=dict)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    sent_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
