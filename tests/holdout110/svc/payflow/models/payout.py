from __future__ import annotations

import enum
from datetime import datetime
from decimal import Decimal

from sqlalchemy import DateTime, Enum, ForeignKey, Index, Integer, Numeric, String
from sqlalchemy.orm import Mapped, mapped_column

from payflow.db.base import Base, TimestampMixin


class PayoutStatus(str, enum.Enum):
    PENDING = "pending"
    SUBMITTED = "submitted"
    SETTLED = "settled"
    RETURNED = "returned"
    FAILED = "failed"


class Payout(TimestampMixin, Base):
    __tablename__ = "payouts"
    __table_args__ = (
        Index("ix_payouts_status_next_poll", "status", "next_poll_at"),
        Index("ix_payouts_pay_run", "pay_run_id"),
        Index("ix_payouts_idempotency_key", "idempotency_key", unique=True),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("companies.id"))
    pay_run_id: Mapped[int | None] = mapped_column(ForeignKey("pay_runs.id"), nullable=True)
    employee_id: Mapped[int | None] = mapped_column(ForeignKey("employees.id"), nullable=True)
    contractor_id: Mapped[int | None] = mapped_column(ForeignKey("contractors.id"), nullable=True)
    amount: Mapped[Decimal] = mapped_column(Numeric(14, 2))
    currency: Mapped[str] = mapped_column(String(3))
    destination_token: Mapped[str] = mapped_column(String(128))
    idempotency_key: Mapped[str] = mapped_column(String(80))
    provider_payout_id: Mapped[str | None] = mapped_column(String(64), nullable=True)
    status: Mapped[PayoutStatus] = mapped_column(
        Enum(PayoutStatus, name="payout_status"), default=PayoutStatus.PENDING
    )
    failure_reason: Mapped[str | None] = mapped_column(String(200), nullable=True)
    next_poll_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    settled_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
