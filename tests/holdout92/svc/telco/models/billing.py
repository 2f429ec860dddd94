from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, DateTime, ForeignKey, Index, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from telco.models.base import Base, TimestampMixin


class Bundle(Base):
    __tablename__ = "bundles"

    code: Mapped[str] = mapped_column(String(32), primary_key=True)
    name: Mapped[str] = mapped_column(String(80))
    price_cents: Mapped[int] = mapped_column(Integer)
    data_kb: Mapped[int] = mapped_column(BigInteger)
    validity_days: Mapped[int] = mapped_column(Integer)
    active: Mapped[bool] = mapped_column(default=True)


class BundlePurchase(TimestampMixin, Base):
    __tablename__ = "bundle_purchases"
    __table_args__ = (
        Index("ix_bundle_purchases_subscriber", "subscriber_id", "created_at"),
    )

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    subscriber_id: Mapped[int] = mapped_column(ForeignKey("subscribers.id"))
    bundle_code: Mapped[str] = mapped_column(ForeignKey("bundles.code"))
    payment_ref: Mapped[str] = mapped_column(String(64), unique=True)
    status: Mapped[str] = mapped_column(String(12), default="pending")
    expires_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)


class Invoice(TimestampMixin, Base):
    __tablename__ = "invoices"
    __table_args__ = (
        UniqueConstraint("subscriber_id", "period", name="uq_invoices_subscriber_period"),
    )

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    subscriber_id: Mapped[int] = mapped_column(ForeignKey("subscribers.id"))
    period: Mapped[str] = mapped_column(String(7))
    total_cents: Mapped[int] = mapped_column(BigInteger)
    status: Mapped[str] = mapped_column(String(12), default="draft")


class ThresholdNotice(TimestampMixin, Base):
    __tablename__ = "threshold_notices"
    __table_args__ = (
        UniqueConstraint("subscriber_id", "period", "threshold", name="uq_threshold_notices"),
    )

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    subscriber_id: Mapped[int] = mapped_column(BigInteger)
    period: Mapped[str] = mapped_column(String(7))
    threshold: Mapped[int] = mapped_column(Integer)


class Tariff(Base):
    __tablename__ = "tariffs"
    __table_args__ = (
        Index("ix_tariffs_plan_type_prefix", "plan_code", "record_type", "prefix"),
    )

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    plan_code: Mapped[str] = mapped_column(String(32))
    record_type: Mapped[str] = mapped_column(String(8))
    prefix: Mapped[str] = mapped_column(String(12))
    unit_cents: Mapped[int] = mapped_column(Integer)
    increment_s: Mapped[int] = mapped_column(Integer, default=60)
