from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from apron.models.base import Base, TimestampMixin


class Bag(TimestampMixin, Base):
    __tablename__ = "bags"
    __table_args__ = (Index("ix_bags_onward_flight", "onward_flight_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    tag_number: Mapped[str] = mapped_column(String(10), unique=True, index=True)
    flight_id: Mapped[int] = mapped_column(ForeignKey("flights.id"), index=True)
    onward_flight_id: Mapped[int | None] = mapped_column(ForeignKey("flights.id"))
    status: Mapped[str] = mapped_column(String(12), default="CHECKED")
    weight_kg: Mapped[int] = mapped_column(Integer, default=0)


class BagScan(Base):
    __tablename__ = "bag_scans"
    __table_args__ = (Index("ix_bag_scans_bag_time", "bag_id", "scanned_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    bag_id: Mapped[int | None] = mapped_column(ForeignKey("bags.id"))
    tag_number: Mapped[str] = mapped_column(String(10), nullable=False)
    location: Mapped[str] = mapped_column(String(24))
    device_id: Mapped[str] = mapped_column(String(32))
    scanned_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
