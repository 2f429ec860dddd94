"""ORM models for zones, bays, sessions, permits, fines, tariffs and payments."""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, Date, DateTime, Float, ForeignKey, Index, Integer, String, Text, func
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


class Base(DeclarativeBase):
    pass


class TimestampMixin:
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now(), onupdate=func.now()
    )


class Zone(TimestampMixin, Base):
    __tablename__ = "zones"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(16), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    kind: Mapped[str] = mapped_column(String(16))  # "street" | "garage"
    capacity: Mapped[int] = mapped_column(Integer)
    lat: Mapped[float] = mapped_column(Float)
    lon: Mapped[float] = mapped_column(Float)

    bays: Mapped[list["Bay"]] = relationship(back_populates="zone")


class Bay(Base):
    __tablename__ = "bays"
    __table_args__ = (Index("ix_bays_zone_id", "zone_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    zone_id: Mapped[int] = mapped_column(ForeignKey("zones.id"))
    code: Mapped[str] = mapped_column(String(24))
    sensor_id: Mapped[str | None] = mapped_column(String(64), unique=True)

    zone: Mapped[Zone] = relationship(back_populates="bays")


class ParkingSession(TimestampMixin, Base):
    __tablename__ = "parking_sessions"
    __table_args__ = (
        Index("ix_sessions_zone_status", "zone_id", "status"),
        Index("ix_sessions_ends_at", "ends_at"),
        Index("ix_sessions_user_id", "user_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(Integer)
    plate: Mapped[str] = mapped_column(String(16))
    zone_id: Mapped[int] = mapped_column(ForeignKey("zones.id"))
    bay_id: Mapped[int | None] = mapped_column(ForeignKey("bays.id"))
    started_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    ends_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    status: Mapped[str] = mapped_column(String(16), default="active")
    amount_cents: Mapped[int] = mapped_column(Integer, default=0)
    payment_ref: Mapped[str | None] = mapped_column(String(64), unique=True)


class Permit(TimestampMixin, Base):
    __tablename__ = "permits"
    __table_args__ = (
        Index("ix_permits_holder_status", "holder_id", "status"),
        Index("ix_permits_valid_until", "valid_until"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    holder_id: Mapped[int] = mapped_column(Integer)
    plate: Mapped[str] = mapped_column(String(16), index=True)
    zone_id: Mapped[int] = mapped_column(ForeignKey("zones.id"))
    kind: Mapped[str] = mapped_column(String(24))  # resident | business | blue_badge
    status: Mapped[str] = mapped_column(String(16), default="pending")
    valid_from: Mapped[date] = mapped_column(Date)
    valid_until: Mapped[date] = mapped_column(Date)
    fee_cents: Mapped[int] = mapped_column(Integer)
    renewed_from_id: Mapped[int | None] = mapped_column(ForeignKey("permits.id"))
    document_key: Mapped[str | None] = mapped_column(String(200))


class Fine(TimestampMixin, Base):
    __tablename__ = "fines"
    __table_args__ = (
        Index("ix_fines_status_due", "status", "due_date"),
        Index("ix_fines_plate", "plate"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    reference: Mapped[str] = mapped_column(String(20), unique=True)
    session_id: Mapped[int | None] = mapped_column(ForeignKey("parking_sessions.id"))
    plate: Mapped[str] = mapped_column(String(16))
    zone_id: Mapped[int] = mapped_column(ForeignKey("zones.id"))
    officer_id: Mapped[str] = mapped_column(String(32))
    amount_cents: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(16), default="unpaid")
    issued_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    due_date: Mapped[date] = mapped_column(Date)
    payment_ref: Mapped[str | None] = mapped_column(String(64))

    appeals: Mapped[list["Appeal"]] = relationship(back_populates="fine")


class Appeal(TimestampMixin, Base):
    __tablename__ = "appeals"

    id: Mapped[int] = mapped_column(primary_key=True)
    fine_id: Mapped[int] = mapped_column(ForeignKey("fines.id"), index=True)
    status: Mapped[str] = mapped_column(String(16), default="pending")
    reason: Mapped[str] = mapped_column(Text)
    decision_note: Mapped[str | None] = mapped_column(Text)
    submitted_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    decided_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    fine: Mapped[Fine] = relationship(back_populates="appeals")


class Tariff(Base):
    __tablename__ = "tariffs"
    __table_args__ = (Index("ix_tariffs_zone_effective", "zone_id", "effective_from"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    zone_id: Mapped[int] = mapped_column(ForeignKey("zones.id"))
    rate_cents_per_hour: Mapped[int] = mapped_column(Integer)
    max_minutes: Mapped[int] = mapped_column(Integer)
    effective_from: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    effective_to: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class TariffChange(Base):
    __tablename__ = "tariff_changes"
    __table_args__ = (Index("ix_tariff_changes_pending", "applied", "apply_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    zone_id: Mapped[int] = mapped_column(ForeignKey("zones.id"))
    new_rate_cents_per_hour: Mapped[int] = mapped_column(Integer)
    new_max_minutes: Mapped[int] = mapped_column(Integer)
    apply_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    applied: Mapped[bool] = mapped_column(Boolean, default=False)


class Payment(Base):
    __tablename__ = "payments"
    __table_args__ = (Index("ix_payments_created_at", "created_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    provider_ref: Mapped[str] = mapped_column(String(64), unique=True)
    subject: Mapped[str] = mapped_column(String(16))  # session | permit | fine
    subject_id: Mapped[int] = mapped_column(Integer)
    amount_cents: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    settled_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
