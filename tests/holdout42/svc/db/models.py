from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import (
    JSON,
    BigInteger,
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


class Account(Base):
    __tablename__ = "accounts"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    account_no: Mapped[str] = mapped_column(String(20), unique=True, index=True)
    customer_name: Mapped[str] = mapped_column(String(200))
    email: Mapped[str | None] = mapped_column(String(320))
    phone: Mapped[str | None] = mapped_column(String(32))
    postcode: Mapped[str] = mapped_column(String(10), index=True)
    status: Mapped[str] = mapped_column(String(16), default="active")
    tariff_code: Mapped[str] = mapped_column(ForeignKey("tariffs.code"))
    balance_cents: Mapped[int] = mapped_column(BigInteger, default=0)
    provider_customer_id: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())

    meters: Mapped[list["Meter"]] = relationship(back_populates="account")
    bills: Mapped[list["Bill"]] = relationship(back_populates="account")


class Meter(Base):
    __tablename__ = "meters"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    serial: Mapped[str] = mapped_column(String(32), unique=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"), index=True)
    gateway_id: Mapped[str] = mapped_column(String(32), index=True)
    kind: Mapped[str] = mapped_column(String(16), default="electricity")
    multiplier: Mapped[Decimal] = mapped_column(Numeric(8, 4), default=Decimal("1"))
    installed_at: Mapped[dt.date] = mapped_column(Date)
    last_read_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True), index=True)

    account: Mapped[Account] = relationship(back_populates="meters")


class Tariff(Base):
    __tablename__ = "tariffs"

    code: Mapped[str] = mapped_column(String(24), primary_key=True)
    name: Mapped[str] = mapped_column(String(120))
    version: Mapped[int] = mapped_column(Integer, default=1)
    standing_charge_cents: Mapped[int] = mapped_column(Integer)
    # [{"upto_kwh": 100, "rate_cents": "21.5"}, {"upto_kwh": null, "rate_cents": "27.0"}]
    tiers: Mapped[list[dict]] = mapped_column(JSON)
    # [{"start_minute": 0, "multiplier": "0.6"}, {"start_minute": 420, "multiplier": "1.0"}, ...]
    tou_bands: Mapped[list[dict]] = mapped_column(JSON, default=list)
    vat_rate: Mapped[Decimal] = mapped_column(Numeric(5, 4), default=Decimal("0.05"))
    valid_from: Mapped[dt.date] = mapped_column(Date)


class Bill(Base):
    __tablename__ = "bills"
    __table_args__ = (
        UniqueConstraint("account_id", "period_start", name="uq_bill_account_period"),
        Index("ix_bills_account_issued", "account_id", "issued_at"),
    )

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"))
    run_id: Mapped[str] = mapped_column(String(36))
    period_start: Mapped[dt.date] = mapped_column(Date)
    period_end: Mapped[dt.date] = mapped_column(Date)
    kwh: Mapped[Decimal] = mapped_column(Numeric(12, 3))
    total_cents: Mapped[int] = mapped_column(BigInteger)
    status: Mapped[str] = mapped_column(String(16), default="draft")
    estimated: Mapped[bool] = mapped_column(default=False)
    issued_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    due_date: Mapped[dt.date | None] = mapped_column(Date)
    emailed_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))

    account: Mapped[Account] = relationship(back_populates="bills")
    payments: Mapped[list["Payment"]] = relationship(back_populates="bill")


class Payment(Base):
    __tablename__ = "payments"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    bill_id: Mapped[int] = mapped_column(ForeignKey("bills.id"), index=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"), index=True)
    provider_ref: Mapped[str] = mapped_column(String(64), unique=True)
    idempotency_key: Mapped[str] = mapped_column(String(64), unique=True)
    amount_cents: Mapped[int] = mapped_column(BigInteger)
    status: Mapped[str] = mapped_column(String(16), default="pending")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())

    bill: Mapped[Bill] = relationship(back_populates="payments")


class DunningEvent(Base):
    __tablename__ = "dunning_events"
    __table_args__ = (Index("ix_dunning_bill_stage", "bill_id", "stage", unique=True),)

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"), index=True)
    bill_id: Mapped[int] = mapped_column(ForeignKey("bills.id"))
    stage: Mapped[str] = mapped_column(String(16))
    sent_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
