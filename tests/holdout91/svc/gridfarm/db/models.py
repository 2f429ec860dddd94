from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    Numeric,
    String,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


class Base(DeclarativeBase):
    pass


class Site(Base):
    __tablename__ = "sites"
    __table_args__ = (UniqueConstraint("code", name="uq_sites_code"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(16))
    name: Mapped[str] = mapped_column(String(120))
    kind: Mapped[str] = mapped_column(String(8))
    capacity_kw: Mapped[float] = mapped_column(Float)
    region: Mapped[str] = mapped_column(String(32))
    timezone: Mapped[str] = mapped_column(String(40), default="UTC")

    assets: Mapped[list["Asset"]] = relationship(back_populates="site")


class Asset(Base):
    __tablename__ = "assets"
    __table_args__ = (
        Index("ix_assets_site_id", "site_id"),
        UniqueConstraint("serial", name="uq_assets_serial"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    site_id: Mapped[int] = mapped_column(ForeignKey("sites.id"))
    kind: Mapped[str] = mapped_column(String(12))  # turbine | inverter
    serial: Mapped[str] = mapped_column(String(40))
    rated_kw: Mapped[float] = mapped_column(Float)
    status: Mapped[str] = mapped_column(String(16), default="running")

    site: Mapped[Site] = relationship(back_populates="assets")


class TelemetrySample(Base):
    __tablename__ = "telemetry_samples"
    __table_args__ = (
        Index("ix_telemetry_asset_ts", "asset_id", "ts"),
        UniqueConstraint("asset_id", "metric", "ts", name="uq_telemetry_point"),
    )

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    asset_id: Mapped[int] = mapped_column(ForeignKey("assets.id"))
    ts: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    metric: Mapped[str] = mapped_column(String(32))
    value: Mapped[float] = mapped_column(Float)


class Alarm(Base):
    __tablename__ = "alarms"
    __table_args__ = (Index("ix_alarms_site_raised", "site_id", "raised_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    site_id: Mapped[int] = mapped_column(ForeignKey("sites.id"))
    asset_id: Mapped[int | None] = mapped_column(ForeignKey("assets.id"), nullable=True)
    code: Mapped[str] = mapped_column(String(24))
    severity: Mapped[int] = mapped_column(Integer)
    raised_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    acknowledged_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    acknowledged_by: Mapped[str | None] = mapped_column(String(64), nullable=True)
    escalation_level: Mapped[int] = mapped_column(Integer, default=0)
    cleared_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)


class CurtailmentOrder(Base):
    __tablename__ = "curtailment_orders"
    __table_args__ = (
        UniqueConstraint("command_id", name="uq_curtailment_command"),
        Index("ix_curtailment_site_starts", "site_id", "starts_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    command_id: Mapped[str] = mapped_column(String(64))
    site_id: Mapped[int] = mapped_column(ForeignKey("sites.id"))
    limit_kw: Mapped[float] = mapped_column(Float)
    starts_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    ends_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    received_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    acked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    status: Mapped[str] = mapped_column(String(16), default="received")


class Technician(Base):
    __tablename__ = "technicians"
    __table_args__ = (Index("ix_technicians_region_shift", "region", "on_shift"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(80))
    phone: Mapped[str] = mapped_column(String(24))
    region: Mapped[str] = mapped_column(String(32))
    on_shift: Mapped[bool] = mapped_column(Boolean, default=False)
    skills: Mapped[list[str]] = mapped_column(JSON, default=list)


class WorkOrder(Base):
    __tablename__ = "work_orders"
    __table_args__ = (Index("ix_work_orders_site_status", "site_id", "status"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    site_id: Mapped[int] = mapped_column(ForeignKey("sites.id"))
    asset_id: Mapped[int | None] = mapped_column(ForeignKey("assets.id"), nullable=True)
    alarm_id: Mapped[int | None] = mapped_column(ForeignKey("alarms.id"), nullable=True)
    title: Mapped[str] = mapped_column(String(200))
    priority: Mapped[str] = mapped_column(String(8))
    status: Mapped[str] = mapped_column(String(16), default="open")
    technician_id: Mapped[int | None] = mapped_column(ForeignKey("technicians.id"), nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class Forecast(Base):
    __tablename__ = "forecasts"
    __table_args__ = (Index("ix_forecasts_site_horizon", "site_id", "horizon_start"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    site_id: Mapped[int] = mapped_column(ForeignKey("sites.id"))
    horizon_start: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    issued_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    hourly_kw: Mapped[list[float]] = mapped_column(JSON)


class Nomination(Base):
    __tablename__ = "nominations"
    __table_args__ = (UniqueConstraint("site_id", "delivery_day", name="uq_nomination_site_day"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    site_id: Mapped[int] = mapped_column(ForeignKey("sites.id"))
    delivery_day: Mapped[date] = mapped_column(Date)
    hourly_mwh: Mapped[list[float]] = mapped_column(JSON)
    status: Mapped[str] = mapped_column(String(16), default="draft")
    market_ref: Mapped[str | None] = mapped_column(String(64), nullable=True)
    submitted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)


class DailySettlement(Base):
    __tablename__ = "daily_settlements"

    site_id: Mapped[int] = mapped_column(ForeignKey("sites.id"), primary_key=True)
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    energy_mwh: Mapped[float] = mapped_column(Float)
    revenue_eur: Mapped[float] = mapped_column(Numeric(14, 2))
    availability_pct: Mapped[float] = mapped_column(Float)
