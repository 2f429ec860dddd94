"""Tables of the directory service."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, DateTime, ForeignKey, Index, Numeric, String, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class Company(Base):
    __tablename__ = "companies"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    slug: Mapped[str] = mapped_column(String(64), unique=True)


class Event(Base):
    __tablename__ = "events"
    __table_args__ = (
        UniqueConstraint("company_id", "dedupe_key", name="uq_events_dedupe"),
        Index("ix_events_company_kind_time", "company_id", "kind", "happened_at"),
    )

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("companies.id"))
    kind: Mapped[str] = mapped_column(String(32))
    amount: Mapped[float] = mapped_column(Numeric(18, 6))
    happened_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    dedupe_key: Mapped[str] = mapped_column(String(128))


class Contact(Base):
    __tablename__ = "contacts"
    __table_args__ = (Index("ix_contacts_company_name", "company_id", "name"),)

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("companies.id"))
    name: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class Note(Base):
    __tablename__ = "notes"
    __table_args__ = (Index("ix_notes_company_written", "company_id", "written_at"),)

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("companies.id"))
    body: Mapped[str] = mapped_column(String(2000))
    written_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
