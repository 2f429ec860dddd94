from __future__ import annotations

from sqlalchemy import Index, String, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class Seat(Base):
    """A guest seated at a table: looked up by (guest, table) pairs."""

    __tablename__ = "seats"
    __table_args__ = (
        UniqueConstraint("table_id", "guest_id", name="uq_seat"),
        Index("ix_seat_guest_name", "guest_id", "name"),
    )

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    venue_id: Mapped[str] = mapped_column(String(36))
    table_id: Mapped[str] = mapped_column(String(36))
    guest_id: Mapped[str] = mapped_column(String(36))
    name: Mapped[str] = mapped_column(String(80))
    released: Mapped[bool] = mapped_column(default=False)
