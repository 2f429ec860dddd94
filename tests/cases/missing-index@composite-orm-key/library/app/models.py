from __future__ import annotations

from datetime import datetime

from sqlalchemy import Column, DateTime, ForeignKey, Integer, MetaData, String, Table
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class Loan(Base):
    """One copy lent to one member: the key is (member_id, copy_id), in that order."""

    __tablename__ = "loans"

    member_id: Mapped[int] = mapped_column(ForeignKey("members.id"), primary_key=True)
    copy_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    due_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class Member(Base):
    __tablename__ = "members"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    email: Mapped[str] = mapped_column(String(200), unique=True)


metadata = MetaData()

shelf_tags = Table(
    "shelf_tags",
    metadata,
    Column("shelf_code", String(20), primary_key=True),
    Column("tag", String(40), primary_key=True),
    Column("added_at", DateTime(timezone=True)),
)
