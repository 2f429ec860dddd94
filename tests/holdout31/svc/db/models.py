"""ORM models for the core database. Schema changes also go into ``migrations/``."""
from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import JSON, BigInteger, Boolean, DateTime, ForeignKey, Index, Integer, Numeric, Sequence, String
from sqlalchemy import UniqueConstraint, func
from sqlalchemy.ext.asyncio import AsyncAttrs
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

transaction_id_seq = Sequence("ocpp_transaction_id_seq", start=1000)


class Base(AsyncAttrs, DeclarativeBase):
    pass


class Site(Base):
    __tablename__ = "sites"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120))
    grid_ref: Mapped[str] = mapped_column(String(64), unique=True)
    zone: Mapped[str] = mapped_column(String(16))
    static_limit_kw: Mapped[Decimal] = mapped_column(Numeric(10, 2))


class ChargePoint(Base):
    __tablename__ = "chargepoints"

    id: Mapped[str] = mapped_column(String(48), primary_key=True)
    site_id: Mapped[int] = mapped_column(ForeignKey("sites.id"), index=True)
    vendor: Mapped[str] = mapped_column(String(64), default="")
    model: Mapped[str] = mapped_column(String(64), default="")
    firmware: Mapped[str | None] = mapped_column(String(64))
    address: Mapped[str] = mapped_column(String(255))
    password_hash: Mapped[str] = mapped_column(String(200))
    status: Mapped[str] = mapped_column(String(24), default="Unavailable")
    last_heartbeat_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    site: Mapped[Site] = relationship()


class Connector(Base):
    __tablename__ = "connectors"
    __table_args__ = (UniqueConstraint("chargepoint_id", "connector_no", name="uq_connectors_cp_no"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    chargepoint_id: Mapped[str] = mapped_column(ForeignKey("chargepoints.id"))
    connector_no: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(24), default="Unavailable")
    max_kw: Mapped[Decimal] = mapped_column(Numeric(8, 2))
    tariff_id: Mapped[int] = mapped_column(ForeignKey("tariffs.id"))

    chargepoint: Mapped[ChargePoint] = relationship()


class Driver(Base):
    __tablename__ = "drivers"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    phone: Mapped[str | None] = mapped_column(String(32))
    wallet_cents: Mapped[int] = mapped_column(BigInteger, default=0)
    payment_method_token: Mapped[str | None] = mapped_column(String(128))
    pin_hash: Mapped[str | None] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class RfidToken(Base):
    __tablename__ = "rfid_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    uid: Mapped[str] = mapped_column(String(32), unique=True)
    driver_id: Mapped[int] = mapped_column(ForeignKey("drivers.id"), index=True)
    status: Mapped[str] = mapped_column(String(16), default="Accepted")
    expires_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class Tariff(Base):
    __tablename__ = "tariffs"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(80))
    currency: Mapped[str] = mapped_column(String(3), default="EUR")
    energy_price_per_kwh: Mapped[Decimal] = mapped_column(Numeric(10, 4))
    time_price_per_min: Mapped[Decimal] = mapped_column(Numeric(10, 4), default=Decimal("0"))
    session_fee: Mapped[Decimal] = mapped_column(Numeric(10, 2), default=Decimal("0"))
    idle_fee_per_min: Mapped[Decimal] = mapped_column(Numeric(10, 4), default=Decimal("0"))
    idle_grace_minutes: Mapped[int] = mapped_column(Integer, default=30)
    margin_per_kwh: Mapped[Decimal] = mapped_column(Numeric(10, 4), default=Decimal("0"))
    dynamic: Mapped[bool] = mapped_column(Boolean, default=False)
    zone: Mapped[str | None] = mapped_column(String(16))
    version: Mapped[int] = mapped_column(Integer, default=1)
    active: Mapped[bool] = mapped_column(Boolean, default=True, index=True)


class ChargingSession(Base):
    __tablename__ = "charging_sessions"
    __table_args__ = (
        Index("ix_sessions_cp_started", "chargepoint_id", "started_at"),
        Index("ix_sessions_connector_status", "connector_id", "status"),
        Index("ix_sessions_driver_id", "driver_id", "id"),
        Index("ix_sessions_started_at", "started_at"),
    )

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    transaction_id: Mapped[int] = mapped_column(Integer, unique=True)
    chargepoint_id: Mapped[str] = mapped_column(ForeignKey("chargepoints.id"))
    connector_id: Mapped[int] = mapped_column(ForeignKey("connectors.id"))
    driver_id: Mapped[int | None] = mapped_column(ForeignKey("drivers.id"))
    id_tag: Mapped[str] = mapped_column(String(32))
    tariff_id: Mapped[int] = mapped_column(ForeignKey("tariffs.id"))
    meter_start_wh: Mapped[int] = mapped_column(BigInteger)
    meter_stop_wh: Mapped[int | None] = mapped_column(BigInteger)
    started_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    stopped_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    stop_reason: Mapped[str | None] = mapped_column(String(32))
    idle_minutes: Mapped[int] = mapped_column(Integer, default=0)
    status: Mapped[str] = mapped_column(String(16), default="active")
    cost_cents: Mapped[int | None] = mapped_column(Integer)
    roaming_party: Mapped[str | None] = mapped_column(String(8))

    tariff: Mapped[Tariff] = relationship()
    driver: Mapped[Driver | None] = relationship()


class Reservation(Base):
    __tablename__ = "reservations"
    __table_args__ = (
        Index("ix_reservations_connector_status", "connector_id", "status"),
        Index("ix_reservations_status_expires", "status", "expires_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    connector_id: Mapped[int] = mapped_column(ForeignKey("connectors.id"))
    driver_id: Mapped[int] = mapped_column(ForeignKey("drivers.id"))
    status: Mapped[str] = mapped_column(String(16), default="active")
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())

    connector: Mapped[Connector] = relationship()


class Payment(Base):
    __tablename__ = "payments"
    __table_args__ = (Index("ix_payments_status_created", "status", "created_at"),)

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("charging_sessions.id"), unique=True)
    driver_id: Mapped[int] = mapped_column(ForeignKey("drivers.id"), index=True)
    amount_cents: Mapped[int] = mapped_column(Integer)
    currency: Mapped[str] = mapped_column(String(3))
    status: Mapped[str] = mapped_column(String(16), default="pending")
    provider_ref: Mapped[str] = mapped_column(String(64))
    idempotency_key: Mapped[str] = mapped_column(String(64), unique=True)
    failure_reason: Mapped[str | None] = mapped_column(String(255))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    captured_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class RoamingCdr(Base):
    __tablename__ = "roaming_cdrs"
    __table_args__ = (Index("ix_cdrs_status_id", "status", "id"),)

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("charging_sessions.id"), unique=True)
    party_id: Mapped[str] = mapped_column(String(8))
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)
    status: Mapped[str] = mapped_column(String(16), default="pending")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    pushed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class FleetWebhook(Base):
    __tablename__ = "fleet_webhooks"

    id: Mapped[int] = mapped_column(primary_key=True)
    driver_id: Mapped[int] = mapped_column(ForeignKey("drivers.id"), index=True)
    url: Mapped[str] = mapped_column(String(500))
    secret: Mapped[str] = mapped_column(String(128))
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class AuditEvent(Base):
    __tablename__ = "audit_events"
    __table_args__ = (Index("ix_audit_kind_created", "kind", "created_at"),)

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    kind: Mapped[str] = mapped_column(String(64))
    subject: Mapped[str] = mapped_column(String(128))
    payload: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
