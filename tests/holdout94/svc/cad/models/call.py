from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, Float, ForeignKey, Index, Integer, String, Text, func
from sqlalchemy.orm import Mapped, mapped_column

from . import Base


class Call(Base):
    __tablename__ = "calls"
    __table_args__ = (
        Index("ix_calls_ani_received", "ani", "received_at"),
        Index("ix_calls_incident", "incident_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    gateway_call_id: Mapped[str] = mapped_column(String(64), unique=True)
    ani: Mapped[str] = mapped_column(String(20))
    ali_address: Mapped[str | None] = mapped_column(Text)
    ali_lat: Mapped[float | None] = mapped_column(Float)
    ali_lon: Mapped[float | None] = mapped_column(Float)
    class_of_service: Mapped[str | None] = mapped_column(String(8))
    incident_id: Mapped[int | None] = mapped_column(ForeignKey("incidents.id"))
    received_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
