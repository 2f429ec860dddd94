from __future__ import annotations

from sqlalchemy import String
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class Squad(Base):
    __tablename__ = "squads"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    coach_id: Mapped[str | None] = mapped_column(String(36), nullable=True)
    league: Mapped[str] = mapped_column(String(40))
