from datetime import datetime

from sqlalchemy import DateTime, Index, Integer, String
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class Ticket(Base):
    __tablename__ = "tickets"
    __table_args__ = (
        Index("ix_tickets_station_state", "station_id", "state"),
        Index("ix_tickets_state_opened", "state", "opened_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(20), unique=True)
    station_id: Mapped[int] = mapped_column(Integer)
    state: Mapped[str] = mapped_column(String(20))
    title: Mapped[str] = mapped_column(String(200))
    note: Mapped[str] = mapped_column(String(500))
    opened_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
