from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy import CheckConstraint, DateTime, ForeignKey, Index, Integer, Numeric, String, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, TimestampMixin
from .spaces import Space


class Booking(TimestampMixin, Base):
    __tablename__ = "bookings"
    __table_args__ = (
        Index("ix_bookings_space_starts", "space_id", "starts_at"),
        Index("ix_bookings_member_starts", "member_id", "starts_at"),
        Index(
            "ix_bookings_reminder_due",
            "starts_at",
            postgresql_where=text("reminder_sent_at IS NULL AND status = 'confirmed'"),
        ),
        CheckConstraint("ends_at > starts_at", name="period_valid"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    space_id: Mapped[int] = mapped_column(ForeignKey("spaces.id"))
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id"))
    title: Mapped[str | None] = mapped_column(String(200))
    starts_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    ends_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    status: Mapped[str] = mapped_column(String(16), default="confirmed")  # confirmed | cancelled | no_show
    credits_used: Mapped[Decimal] = mapped_column(Numeric(6, 2), default=Decimal("0"))
    price_pence: Mapped[int] = mapped_column(Integer, default=0)
    reminder_sent_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    space: Mapped[Space] = relationship(lazy="raise")
