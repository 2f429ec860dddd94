from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, DateTime, Index, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from apron.models.base import Base, TimestampMixin


class Flight(TimestampMixin, Base):
    __tablename__ = "flights"
    __table_args__ = (
        UniqueConstraint("airline_code", "flight_number", "op_date", name="uq_flight_key"),
        Index("ix_flights_airport_std", "airport", "std"),
        Index("ix_flights_registration", "registration"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    airline_code: Mapped[str] = mapped_column(String(3))
    flight_number: Mapped[str] = mapped_column(String(8))
    op_date: Mapped[date] = mapped_column(Date)
    airport: Mapped[str] = mapped_column(String(3), nullable=False)
    sta: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    std: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    eta: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    etd: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    aircraft_type: Mapped[str] = mapped_column(String(4))
    registration: Mapped[str | None] = mapped_column(String(10))
    status: Mapped[str] = mapped_column(String(12), default="SCHEDULED")
    turnaround_minutes: Mapped[int] = mapped_column(Integer, default=45)

    @property
    def key(self) -> str:
        return f"{self.airline_code}{self.flight_number}/{self.op_date.isoformat()}"
