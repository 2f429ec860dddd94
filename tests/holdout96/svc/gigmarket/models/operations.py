from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy import DateTime, ForeignKey, Index, Integer, Numeric, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, TimestampMixin


class Dispute(TimestampMixin, Base):
    __tablename__ = "disputes"
    __table_args__ = (
        Index("ix_disputes_contract_id", "contract_id"),
        Index("ix_disputes_status", "status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    contract_id: Mapped[int] = mapped_column(ForeignKey("contracts.id"), nullable=False)
    milestone_id: Mapped[int] = mapped_column(ForeignKey("milestones.id"))
    client_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    freelancer_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    opened_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
    mediator_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    reason: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(16), default="open")
    resolution: Mapped[str | None] = mapped_column(String(32))


class DisputeEvidence(TimestampMixin, Base):
    __tablename__ = "dispute_evidence"
    __table_args__ = (Index("ix_dispute_evidence_dispute_id", "dispute_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    dispute_id: Mapped[int] = mapped_column(ForeignKey("disputes.id"))
    uploaded_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
    object_key: Mapped[str] = mapped_column(String(512))
    content_type: Mapped[str] = mapped_column(String(100))
    size_bytes: Mapped[int]


class PayoutAccount(TimestampMixin, Base):
    __tablename__ = "payout_accounts"
    __table_args__ = (Index("ix_payout_accounts_user_id", "user_id", unique=True),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    method: Mapped[str] = mapped_column(String(16))  # bank | paypout
    external_ref: Mapped[str] = mapped_column(String(128))
    currency: Mapped[str] = mapped_column(String(3))


class Payout(TimestampMixin, Base):
    __tablename__ = "payouts"
    __table_args__ = (
        Index("ix_payouts_freelancer_id", "freelancer_id"),
        Index("ix_payouts_milestone_id", "milestone_id", unique=True),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    freelancer_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    milestone_id: Mapped[int] = mapped_column(ForeignKey("milestones.id"))
    gross_amount: Mapped[Decimal] = mapped_column(Numeric(12, 2))
    fee_amount: Mapped[Decimal] = mapped_column(Numeric(12, 2))
    net_amount: Mapped[Decimal] = mapped_column(Numeric(12, 2))
    currency: Mapped[str] = mapped_column(String(3))
    payout_state: Mapped[str] = mapped_column(String(16), default="queued")
    batch_id: Mapped[str | None] = mapped_column(String(40))
    scheduled_for: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    paid_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    partner_reference: Mapped[str | None] = mapped_column(String(64))


class ScreenshotBatch(TimestampMixin, Base):
    __tablename__ = "screenshot_batches"
    __table_args__ = (
        Index("ix_screenshot_batches_contract_started", "contract_id", "started_at"),
    )

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    contract_id: Mapped[int] = mapped_column(ForeignKey("contracts.id"))
    freelancer_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    started_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    ended_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    frame_count: Mapped[int] = mapped_column(Integer)
    archive_key: Mapped[str] = mapped_column(String(512))


class TimeEntry(TimestampMixin, Base):
    __tablename__ = "time_entries"
    __table_args__ = (Index("ix_time_entries_contract_id_day", "contract_id", "work_day"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    contract_id: Mapped[int] = mapped_column(ForeignKey("contracts.id", ondelete="CASCADE"))
    batch_id: Mapped[str] = mapped_column(ForeignKey("screenshot_batches.id"))
    work_day: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    minutes: Mapped[int] = mapped_column(Integer)
    activity_pct: Mapped[int] = mapped_column(Integer)
