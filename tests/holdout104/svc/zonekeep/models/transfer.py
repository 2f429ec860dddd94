from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from zonekeep.models.base import Base, TimestampMixin


class Transfer(TimestampMixin, Base):
    __tablename__ = "transfers"
    __table_args__ = (Index("ix_transfers_domain_status", "domain_name", "status"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"), index=True)
    domain_name: Mapped[str] = mapped_column(String(253))
    direction: Mapped[str] = mapped_column(String(4))  # "in" | "out"
    status: Mapped[str] = mapped_column(String(16), default="pending")
    registry_ref: Mapped[str | None] = mapped_column(String(64), nullable=True)
    requested_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    decided_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)


class AbuseReport(TimestampMixin, Base):
    __tablename__ = "abuse_reports"

    id: Mapped[int] = mapped_column(primary_key=True)
    domain_id: Mapped[int | None] = mapped_column(ForeignKey("domains.id"), index=True, nullable=True)
    target: Mapped[str] = mapped_column(String(253))
    reporter_email: Mapped[str] = mapped_column(String(320))
    category: Mapped[str] = mapped_column(String(32))
    details: Mapped[str] = mapped_column(Text, default="")
    resolved_ip: Mapped[str | None] = mapped_column(String(45), nullable=True)
    status: Mapped[str] = mapped_column(String(16), default="open", index=True)
