from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, DateTime, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from telco.models.base import Base, TimestampMixin


class PortRequest(TimestampMixin, Base):
    __tablename__ = "port_requests"
    __table_args__ = (
        Index("ix_port_requests_status_deadline", "status", "deadline_at"),
        Index("ix_port_requests_msisdn", "msisdn"),
    )

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    reference: Mapped[str] = mapped_column(String(40), unique=True)
    direction: Mapped[str] = mapped_column(String(4))  # in | out
    msisdn: Mapped[str] = mapped_column(String(15))
    donor: Mapped[str] = mapped_column(String(8))
    recipient: Mapped[str] = mapped_column(String(8))
    status: Mapped[str] = mapped_column(String(16), default="pending")
    deadline_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    subscriber_id: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
