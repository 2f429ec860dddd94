"""Lots and wafers."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from fabline.models.base import Base, TimestampMixin


class Lot(TimestampMixin, Base):
    __tablename__ = "lots"
    __table_args__ = (Index("ix_lots_status_priority", "status", "priority"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    lot_number: Mapped[str] = mapped_column(String(32), unique=True)
    product: Mapped[str] = mapped_column(String(32), index=True)
    route_id: Mapped[int] = mapped_column(ForeignKey("routes.id"), index=True)
    step_index: Mapped[int] = mapped_column(Integer, default=0)
    status: Mapped[str] = mapped_column(String(16), default="ACTIVE")  # ACTIVE|HOLD|DONE|SCRAP
    priority: Mapped[int] = mapped_column(Integer, default=5)
    due_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    carrier_id: Mapped[str | None] = mapped_column(String(16))
    hold_count: Mapped[int] = mapped_column(Integer, default=0)
    wafer_count: Mapped[int] = mapped_column(Integer, default=25)
    current_tool_id: Mapped[int | None] = mapped_column(ForeignKey("tools.id"), index=True)

    wafers: Mapped[list["Wafer"]] = relationship(back_populates="lot", lazy="raise")


class Wafer(Base):
    __tablename__ = "wafers"

    id: Mapped[int] = mapped_column(primary_key=True)
    lot_id: Mapped[int] = mapped_column(ForeignKey("lots.id", ondelete="CASCADE"), index=True)
    slot: Mapped[int] = mapped_column(Integer)
    scribe: Mapped[str] = mapped_column(String(24), unique=True)
    status: Mapped[str] = mapped_column(String(16), default="OK")

    lot: Mapped[Lot] = relationship(back_populates="wafers")
