from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy import DateTime, ForeignKey, Index, String, Text, UniqueConstraint, Numeric
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, TimestampMixin


class Appraisal(TimestampMixin, Base):
    __tablename__ = "appraisals"
    __table_args__ = (
        Index("ix_appraisals_application", "application_id"),
        UniqueConstraint("vendor_order_id", name="uq_appraisals_vendor_order"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("applications.id", ondelete="CASCADE"))
    vendor: Mapped[str] = mapped_column(String(32))
    vendor_order_id: Mapped[str] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(24), default="ordered")
    appraised_value: Mapped[int | None] = mapped_column(nullable=True)
    last_event_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)


class Condition(TimestampMixin, Base):
    __tablename__ = "conditions"
    __table_args__ = (Index("ix_conditions_application_status", "application_id", "status"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("applications.id", ondelete="CASCADE"))
    code: Mapped[str] = mapped_column(String(24))
    description: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(16), default="open")
    cleared_by: Mapped[int | None] = mapped_column(nullable=True)


class Closing(TimestampMixin, Base):
    __tablename__ = "closings"
    __table_args__ = (Index("ix_closings_application", "application_id", unique=True),)

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("applications.id", ondelete="CASCADE"))
    title_company_id: Mapped[str] = mapped_column(String(64))
    scheduled_for: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    title_order_ref: Mapped[str | None] = mapped_column(String(64), nullable=True)
    status: Mapped[str] = mapped_column(String(16), default="scheduled")


class Disclosure(TimestampMixin, Base):
    __tablename__ = "disclosures"
    __table_args__ = (Index("ix_disclosures_application_kind", "application_id", "kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("applications.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(8))  # LE or CD
    status: Mapped[str] = mapped_column(String(16), default="pending")
    due_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    sent_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)


class DeliveryBatch(TimestampMixin, Base):
    __tablename__ = "delivery_batches"

    id: Mapped[int] = mapped_column(primary_key=True)
    investor: Mapped[str] = mapped_column(String(32))
    status: Mapped[str] = mapped_column(String(16), default="building")
    loan_numbers: Mapped[list] = mapped_column(JSONB, default=list)
    file_path: Mapped[str | None] = mapped_column(String(512), nullable=True)


class PriceQuote(TimestampMixin, Base):
    __tablename__ = "price_quotes"
    __table_args__ = (Index("ix_price_quotes_application", "application_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("applications.id", ondelete="CASCADE"))
    product_code: Mapped[str] = mapped_column(String(32))
    note_rate: Mapped[Decimal] = mapped_column(Numeric(6, 4))
    price: Mapped[Decimal] = mapped_column(Numeric(8, 4))
    sheet_version: Mapped[str] = mapped_column(String(32))


class RateLock(TimestampMixin, Base):
    __tablename__ = "rate_locks"
    __table_args__ = (Index("ix_rate_locks_application", "application_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("applications.id", ondelete="CASCADE"))
    quote_id: Mapped[int] = mapped_column(ForeignKey("price_quotes.id"))
    status: Mapped[str] = mapped_column(String(16), default="active")
    locked_rate: Mapped[Decimal] = mapped_column(Numeric(6, 4))
    locked_price: Mapped[Decimal] = mapped_column(Numeric(8, 4))
    lock_days: Mapped[int] = mapped_column()
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    extension_count: Mapped[int] = mapped_column(default=0)
