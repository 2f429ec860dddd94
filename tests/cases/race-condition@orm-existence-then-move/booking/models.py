"""Inspection and account tables."""
from datetime import date

from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class Inspection(Base):
    __tablename__ = "inspections"
    id: Mapped[int] = mapped_column(primary_key=True)
    inspector_id: Mapped[int | None]
    scheduled_date: Mapped[date | None]
    slot: Mapped[int | None]
    notes: Mapped[str] = mapped_column(default="")


class Account(Base):
    __tablename__ = "accounts"
    id: Mapped[int] = mapped_column(primary_key=True)
    balance_cents: Mapped[int]
    nickname: Mapped[str] = mapped_column(default="")
