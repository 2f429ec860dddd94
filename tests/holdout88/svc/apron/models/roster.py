from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from apron.models.base import Base, TimestampMixin


class Staff(Base):
    __tablename__ = "staff"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    badge: Mapped[str] = mapped_column(String(12), unique=True)
    name: Mapped[str] = mapped_column(String(80))
    airport: Mapped[str] = mapped_column(String(3), index=True)
    role: Mapped[str] = mapped_column(String(16))
    phone: Mapped[str | None] = mapped_column(String(20))
    pin_hash: Mapped[str | None] = mapped_column(String(128))


class Shift(TimestampMixin, Base):
    __tablename__ = "roster_shifts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff.id"))
    airport: Mapped[str] = mapped_column(String(3))
    starts_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    ends_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    role: Mapped[str] = mapped_column(String(16))
    published: Mapped[bool] = mapped_column(default=False)


class SwapRequest(TimestampMixin, Base):
    __tablename__ = "shift_swaps"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    from_shift_id: Mapped[int] = mapped_column(ForeignKey("roster_shifts.id"))
    to_shift_id: Mapped[int] = mapped_column(ForeignKey("roster_shifts.id"))
    status: Mapped[str] = mapped_column(String(10), default="PENDING")
    decided_by: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
