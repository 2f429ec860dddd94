from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, Float, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from . import Base

UNIT_STATUSES = ("available", "staged", "dispatched", "enroute", "onscene", "transporting", "out_of_service")


class Unit(Base):
    __tablename__ = "units"
    __table_args__ = (
        Index("ix_units_status_type", "status", "unit_type"),
        Index("ix_units_station", "station_code"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    callsign: Mapped[str] = mapped_column(String(16), unique=True)
    unit_type: Mapped[str] = mapped_column(String(8))
    station_code: Mapped[str] = mapped_column(String(8))
    agency: Mapped[str] = mapped_column(String(16))
    status: Mapped[str] = mapped_column(String(16), default="available")
    status_changed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    lat: Mapped[float | None] = mapped_column(Float)
    lon: Mapped[float | None] = mapped_column(Float)
    last_avl_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    mdt_pin_hash: Mapped[str | None] = mapped_column(String(128))
    mdt_pin_salt: Mapped[str | None] = mapped_column(String(64))
