from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, Boolean, DateTime, Index, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from telco.models.base import Base


class UsageRecord(Base):
    __tablename__ = "usage_records"
    __table_args__ = (
        UniqueConstraint("cdr_id", name="uq_usage_records_cdr_id"),
        Index("ix_usage_records_subscriber_started", "subscriber_id", "started_at"),
        Index("ix_usage_records_unrated", "started_at", postgresql_where="rated = false"),
    )

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    cdr_id: Mapped[str] = mapped_column(String(64))
    subscriber_id: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
    msisdn: Mapped[str] = mapped_column(String(15))
    record_type: Mapped[str] = mapped_column(String(8))  # voice | sms | data
    started_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    duration_s: Mapped[int] = mapped_column(Integer, default=0)
    volume_kb: Mapped[int] = mapped_column(BigInteger, default=0)
    destination: Mapped[str | None] = mapped_column(String(20), nullable=True)
    partner_plmn: Mapped[str | None] = mapped_column(String(6), nullable=True)
    rated: Mapped[bool] = mapped_column(Boolean, default=False)
    amount_cents: Mapped[int] = mapped_column(Integer, default=0)
