from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, Index, Integer, String
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class Swipe(Base):
    """One badge swipe at a door: written once, never changed."""

    __tablename__ = "swipes"
    __table_args__ = (Index("ix_swipes_site_at", "site_id", "swiped_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    site_id: Mapped[int] = mapped_column(ForeignKey("sites.id"))
    badge: Mapped[str] = mapped_column(String(32))
    door: Mapped[str] = mapped_column(String(32))
    swiped_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class Member(Base):
    """A team's member: joins, and later leaves."""

    __tablename__ = "members"
    __table_args__ = (Index("ix_members_team_joined", "team_id", "joined_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    team_id: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(80))
    joined_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    left_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)


class Inspection(Base):
    """A locker's inspections: a handful a year."""

    __tablename__ = "inspections"
    __table_args__ = (Index("ix_inspections_locker_at", "locker_id", "inspected_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    locker_id: Mapped[int] = mapped_column(Integer)
    note: Mapped[str] = mapped_column(String(200))
    inspected_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
