from __future__ import annotations

import enum
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import (
    BigInteger,
    Boolean,
    Date,
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
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


class Base(DeclarativeBase):
    pass


class Commodity(str, enum.Enum):
    ELECTRICITY = "electricity"
    WATER = "water"


class InvoiceStatus(str, enum.Enum):
    DRAFT = "draft"
    ISSUED = "issued"
    PAID = "paid"
    OVERDUE = "overdue"
    WRITTEN_OFF = "written_off"


class Customer(Base):
    __tablename__ = "customers"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    email: Mapped[str] = mapped_column(String(320), unique=True)
    full_name: Mapped[str] = mapped_column(String(200))
    phone: Mapped[str | None] = mapped_column(String(32))
    password_hash: Mapped[str] = mapped_column(String(100))
    sms_opt_in: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())

    accounts: Mapped[list[Account]] = relationship(back_populates="customer")


class Premise(Base):
    __tablename__ = "premises"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    address_line: Mapped[str] = mapped_column(String(300))
    postcode: Mapped[str] = mapped_column(String(16), index=True)
    feeder_id: Mapped[str] = mapped_column(String(32), index=True)
    lat: Mapped[float | None]
    lon: Mapped[float | None]


class Account(Base):
    __tablename__ = "accounts"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"), index=True)
    premise_id: Mapped[int] = mapped_column(ForeignKey("premises.id"), index=True)
    tariff_code: Mapped[str] = mapped_column(String(24))
    balance: Mapped[Decimal] = mapped_column(Numeric(12, 2), default=Decimal("0.00"))
    autopay_token: Mapped[str | None] = mapped_column(String(128))
    billing_day: Mapped[int] = mapped_column(Integer, default=1)
    active: Mapped[bool] = mapped_column(Boolean, default=True)

    customer: Mapped[Customer] = relationship(back_populates="accounts")
    meters: Mapped[list[Meter]] = relationship(back_populates="account")


class Meter(Base):
    __tablename__ = "meters"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    serial: Mapped[str] = mapped_column(String(40), unique=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"), index=True)
    commodity: Mapped[Commodity] = mapped_column(Enum(Commodity, name="commodity"))
    multiplier: Mapped[Decimal] = mapped_column(Numeric(8, 4), default=Decimal("1"))
    remote_disconnect: Mapped[bool] = mapped_column(Boolean, default=False)
    installed_on: Mapped[date] = mapped_column(Date)

    account: Mapped[Account] = relationship(back_populates="meters")


class Tariff(Base):
    __tablename__ = "tariffs"
    __table_args__ = (UniqueConstraint("code", "version"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(24))
    version: Mapped[int] = mapped_column(Integer)
    commodity: Mapped[Commodity] = mapped_column(Enum(Commodity, name="commodity"))
    standing_charge_per_day: Mapped[Decimal] = mapped_column(Numeric(10, 4))
    bands: Mapped[list] = mapped_column(JSONB)
    valid_from: Mapped[date] = mapped_column(Date)
    valid_to: Mapped[date | None] = mapped_column(Date)


class Invoice(Base):
    __tablename__ = "invoices"
    __table_args__ = (
        Index("ix_invoices_status_due", "status", "due_date"),
    )

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    number: Mapped[int] = mapped_column(BigInteger, unique=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"), index=True)
    billing_run_id: Mapped[str] = mapped_column(String(36), index=True)
    period_start: Mapped[date] = mapped_column(Date)
    period_end: Mapped[date] = mapped_column(Date)
    total: Mapped[Decimal] = mapped_column(Numeric(12, 2))
    status: Mapped[InvoiceStatus] = mapped_column(Enum(InvoiceStatus, name="invoice_status"))
    due_date: Mapped[date] = mapped_column(Date)
    issued_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    dunning_stage: Mapped[int] = mapped_column(Integer, default=0)
    last_notified_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class InvoiceLine(Base):
    __tablename__ = "invoice_lines"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    invoice_id: Mapped[int] = mapped_column(ForeignKey("invoices.id"), index=True)
    description: Mapped[str] = mapped_column(String(200))
    quantity: Mapped[Decimal] = mapped_column(Numeric(14, 4))
    unit_price: Mapped[Decimal] = mapped_column(Numeric(10, 5))
    amount: Mapped[Decimal] = mapped_column(Numeric(12, 2))


class Payment(Base):
    __tablename__ = "payments"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"), index=True)
    invoice_id: Mapped[int | None] = mapped_column(ForeignKey("invoices.id"))
    provider_ref: Mapped[str] = mapped_column(String(64))
    amount: Mapped[Decimal] = mapped_column(Numeric(12, 2))
    status: Mapped[str] = mapped_column(String(16))
    raw_event: Mapped[dict] = mapped_column(JSONB)
    received_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class DunningEvent(Base):
    __tablename__ = "dunning_events"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    invoice_id: Mapped[int] = mapped_column(ForeignKey("invoices.id"))
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"))
    stage: Mapped[int] = mapped_column(Integer)
    channel: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class Crew(Base):
    __tablename__ = "crews"

    id: Mapped[str] = mapped_column(String(16), primary_key=True)
    name: Mapped[str] = mapped_column(String(80))
    depot: Mapped[str] = mapped_column(String(40))
    skills: Mapped[list] = mapped_column(JSONB, default=list)
    on_shift: Mapped[bool] = mapped_column(Boolean, default=False)


class Outage(Base):
    __tablename__ = "outages"
    __table_args__ = (Index("ix_outages_open", "resolved_at", postgresql_where="resolved_at IS NULL"),)

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    feeder_id: Mapped[str] = mapped_column(String(32), index=True)
    commodity: Mapped[Commodity] = mapped_column(Enum(Commodity, name="commodity"))
    started_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    resolved_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    affected_premises: Mapped[int] = mapped_column(Integer, default=0)
    crew_id: Mapped[str | None] = mapped_column(ForeignKey("crews.id"))
    cause: Mapped[str | None] = mapped_column(Text)
    lat: Mapped[float | None]
    lon: Mapped[float | None]


class DispatchJob(Base):
    __tablename__ = "dispatch_jobs"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    outage_id: Mapped[int] = mapped_column(ForeignKey("outages.id"), index=True)
    crew_id: Mapped[str] = mapped_column(ForeignKey("crews.id"), index=True)
    status: Mapped[str] = mapped_column(String(16), default="assigned")
    notes: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class Notification(Base):
    __tablename__ = "notifications"
    __table_args__ = (Index("ix_notifications_pending", "status", "created_at"),)

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"), index=True)
    channel: Mapped[str] = mapped_column(String(16))
    template: Mapped[str] = mapped_column(String(64))
    payload: Mapped[dict] = mapped_column(JSONB)
    status: Mapped[str] = mapped_column(String(16), default="pending")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


# Tables written through asyncpg rather than the ORM. ``meter_readings`` receives
# ~40M rows a day, so it is range partitioned by month and kept out of the unit of work.
READINGS_DDL = """
CREATE TABLE IF NOT EXISTS meter_readings (
    meter_id     BIGINT      NOT NULL,
    read_at      TIMESTAMPTZ NOT NULL,
    register     SMALLINT    NOT NULL DEFAULT 1,
    value        NUMERIC(16, 4) NOT NULL,
    quality      CHAR(1)     NOT NULL DEFAULT 'A',
    source       TEXT        NOT NULL,
    PRIMARY KEY (meter_id, read_at, register)
) PARTITION BY RANGE (read_at);

CREATE TABLE IF NOT EXISTS meter_last_seen (
    meter_id   BIGINT PRIMARY KEY,
    seen_at    TIMESTAMPTZ NOT NULL,
    feeder_id  TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS ix_last_seen_feeder ON meter_last_seen (feeder_id, seen_at);

CREATE TABLE IF NOT EXISTS outage_reports (
    id          BIGSERIAL PRIMARY KEY,
    outage_id   BIGINT,
    premise_id  BIGINT NOT NULL,
    reported_by TEXT NOT NULL,
    channel     TEXT NOT NULL,
    message     TEXT,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS ix_outage_reports_premise ON outage_reports (premise_id, created_at);

CREATE TABLE IF NOT EXISTS batch_files (
    name        TEXT PRIMARY KEY,
    sha256      TEXT NOT NULL,
    rows_ok     INTEGER NOT NULL DEFAULT 0,
    rows_bad    INTEGER NOT NULL DEFAULT 0,
    imported_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
"""
