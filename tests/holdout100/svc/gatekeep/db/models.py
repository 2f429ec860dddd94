from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    BigInteger,
    Boolean,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    func,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


class Base(DeclarativeBase):
    pass


class Site(Base):
    __tablename__ = "sites"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(16), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    timezone: Mapped[str] = mapped_column(String(64), default="UTC")
    buildings: Mapped[list["Building"]] = relationship(back_populates="site")


class Building(Base):
    __tablename__ = "buildings"
    __table_args__ = (Index("ix_buildings_site_id", "site_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    site_id: Mapped[int] = mapped_column(ForeignKey("sites.id"))
    name: Mapped[str] = mapped_column(String(200))
    max_occupancy: Mapped[int | None] = mapped_column(Integer, nullable=True)
    site: Mapped[Site] = relationship(back_populates="buildings")


class Zone(Base):
    __tablename__ = "zones"
    __table_args__ = (Index("ix_zones_building_id", "building_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    building_id: Mapped[int] = mapped_column(ForeignKey("buildings.id"))
    name: Mapped[str] = mapped_column(String(120))
    max_occupancy: Mapped[int] = mapped_column(Integer, default=0)
    passback_mode: Mapped[str] = mapped_column(String(8), default="off")  # off | soft | hard


class Controller(Base):
    __tablename__ = "controllers"
    __table_args__ = (
        UniqueConstraint("serial", name="uq_controllers_serial"),
        Index("ix_controllers_building_id", "building_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    building_id: Mapped[int] = mapped_column(ForeignKey("buildings.id"))
    serial: Mapped[str] = mapped_column(String(64))
    transport: Mapped[str] = mapped_column(String(8), default="mqtt")  # mqtt | http
    firmware: Mapped[str] = mapped_column(String(32), default="")
    last_seen_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    credential_revision: Mapped[int] = mapped_column(BigInteger, default=0)


class Door(Base):
    __tablename__ = "doors"
    __table_args__ = (
        Index("ix_doors_building_id", "building_id"),
        Index("ix_doors_controller_id", "controller_id"),
        Index("ix_doors_zone_id", "zone_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    building_id: Mapped[int] = mapped_column(ForeignKey("buildings.id"))
    zone_id: Mapped[int] = mapped_column(ForeignKey("zones.id"))
    controller_id: Mapped[int] = mapped_column(ForeignKey("controllers.id"))
    channel: Mapped[int] = mapped_column(Integer, default=1)
    name: Mapped[str] = mapped_column(String(120))
    direction: Mapped[str] = mapped_column(String(4), default="in")
    held_open_alarm_s: Mapped[int] = mapped_column(Integer, default=30)


class Credential(Base):
    __tablename__ = "credentials"
    __table_args__ = (
        UniqueConstraint("badge_number", name="uq_credentials_badge_number"),
        Index("ix_credentials_holder", "holder_kind", "holder_id"),
        Index("ix_credentials_status_expires", "status", "expires_at"),
        Index("ix_credentials_site_revision", "site_id", "revision"),
    )

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    badge_number: Mapped[str] = mapped_column(String(32))
    holder_kind: Mapped[str] = mapped_column(String(16))  # employee | visitor | contractor
    holder_id: Mapped[int] = mapped_column(BigInteger)
    status: Mapped[str] = mapped_column(String(16), default="active")
    pin_hash: Mapped[str | None] = mapped_column(String(128), nullable=True)
    site_id: Mapped[int] = mapped_column(ForeignKey("sites.id"))
    issued_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    expires_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    revision: Mapped[int] = mapped_column(BigInteger, default=0)


class Visitor(Base):
    __tablename__ = "visitors"
    __table_args__ = (
        Index("ix_visitors_email", "email"),
        Index("ix_visitors_site_expected", "site_id", "expected_at"),
        Index("ix_visitors_host_id", "host_id"),
    )

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    site_id: Mapped[int] = mapped_column(ForeignKey("sites.id"))
    full_name: Mapped[str] = mapped_column(String(200))
    email: Mapped[str] = mapped_column(String(254))
    phone: Mapped[str | None] = mapped_column(String(32), nullable=True)
    company: Mapped[str | None] = mapped_column(String(200), nullable=True)
    host_id: Mapped[int] = mapped_column(BigInteger)
    host_email: Mapped[str] = mapped_column(String(254))
    expected_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    checked_in_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    badge_seq: Mapped[int | None] = mapped_column(Integer, nullable=True)
    photo_key: Mapped[str | None] = mapped_column(Text, nullable=True)
    nda_signed: Mapped[bool] = mapped_column(Boolean, default=False)


class AccessEvent(Base):
    __tablename__ = "access_events"
    __table_args__ = (
        Index("ix_access_events_door_occurred", "door_id", "occurred_at"),
        Index("ix_access_events_occurred", "occurred_at"),
        UniqueConstraint("controller_serial", "controller_seq", name="uq_access_events_ctrl_seq"),
    )

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    controller_serial: Mapped[str] = mapped_column(String(64))
    controller_seq: Mapped[int] = mapped_column(BigInteger)
    door_id: Mapped[int] = mapped_column(ForeignKey("doors.id"))
    credential_id: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
    badge_number: Mapped[str | None] = mapped_column(String(32), nullable=True)
    kind: Mapped[str] = mapped_column(String(24))  # granted | denied | forced | held_open
    direction: Mapped[str] = mapped_column(String(4), default="in")
    occurred_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    payload: Mapped[dict] = mapped_column(JSONB, default=dict)


class ReportRun(Base):
    __tablename__ = "report_runs"
    __table_args__ = (UniqueConstraint("kind", "period", name="uq_report_runs_kind_period"),)

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    kind: Mapped[str] = mapped_column(String(32))
    period: Mapped[str] = mapped_column(String(16))
    status: Mapped[str] = mapped_column(String(16), default="running")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
