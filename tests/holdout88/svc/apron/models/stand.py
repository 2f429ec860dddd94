from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, DateTime, ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from apron.models.base import Base, TimestampMixin


class Stand(Base):
    __tablename__ = "stands"
    __table_args__ = (Index("ix_stands_airport_code", "airport", "code", unique=True),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    airport: Mapped[str] = mapped_column(String(3))
    code: Mapped[str] = mapped_column(String(6))
    size_class: Mapped[str] = mapped_column(String(1))
    contact: Mapped[bool] = mapped_column(Boolean, default=False)
    x: Mapped[int] = mapped_column(Integer, default=0)
    y: Mapped[int] = mapped_column(Integer, default=0)


class StandAllocation(TimestampMixin, Base):
    __tablename__ = "stand_allocations"
    __table_args__ = (
        Index("ix_alloc_stand_window", "stand_id", "on_block", "off_block"),
        Index("ix_alloc_flight", "flight_id", unique=True),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    stand_id: Mapped[int] = mapped_column(ForeignKey("stands.id"))
    flight_id: Mapped[int] = mapped_column(ForeignKey("flights.id"))
    on_block: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    off_block: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    allocated_by: Mapped[str] = mapped_column(String(32), default="system")
