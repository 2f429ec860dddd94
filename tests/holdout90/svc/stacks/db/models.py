from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, Boolean, DateTime, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column, relationship

from stacks.db.base import Base, TimestampMixin


class Branch(Base):
    __tablename__ = "branches"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(8), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    van_route: Mapped[str | None] = mapped_column(String(16))


class Patron(TimestampMixin, Base):
    __tablename__ = "patrons"
    __table_args__ = (
        Index("ix_patrons_email", "email"),
        Index("ix_patrons_home_branch", "home_branch_id"),
    )

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    card_number: Mapped[str] = mapped_column(String(14), unique=True)
    email: Mapped[str | None] = mapped_column(String(254))
    phone: Mapped[str | None] = mapped_column(String(20))
    name: Mapped[str] = mapped_column(String(200))
    home_branch_id: Mapped[int] = mapped_column(ForeignKey("branches.id"))
    pin_hash: Mapped[str | None] = mapped_column(String(100))
    card_expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    blocked: Mapped[bool] = mapped_column(Boolean, default=False)
    notice_pref: Mapped[str] = mapped_column(String(8), default="email")


class Title(TimestampMixin, Base):
    __tablename__ = "titles"
    __table_args__ = (
        Index("ix_titles_isbn", "isbn"),
        Index("ix_titles_title_prefix", "sort_title", postgresql_ops={"sort_title": "text_pattern_ops"}),
    )

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    control_number: Mapped[str] = mapped_column(String(32), unique=True)
    isbn: Mapped[str | None] = mapped_column(String(13))
    title: Mapped[str] = mapped_column(Text)
    sort_title: Mapped[str] = mapped_column(Text)
    author: Mapped[str | None] = mapped_column(Text)
    format: Mapped[str] = mapped_column(String(12))
    marc: Mapped[dict] = mapped_column(JSONB, default=dict)


class Holding(Base):
    __tablename__ = "holdings"
    __table_args__ = (
        UniqueConstraint("barcode", name="uq_holdings_barcode"),
        Index("ix_holdings_title_branch", "title_id", "branch_id"),
        Index("ix_holdings_rfid", "rfid_tag"),
    )

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    title_id: Mapped[int] = mapped_column(ForeignKey("titles.id"))
    branch_id: Mapped[int] = mapped_column(ForeignKey("branches.id"))
    barcode: Mapped[str] = mapped_column(String(20))
    rfid_tag: Mapped[str | None] = mapped_column(String(32))
    status: Mapped[str] = mapped_column(String(16), default="on_shelf")

    title: Mapped[Title] = relationship(lazy="raise")


class Loan(TimestampMixin, Base):
    __tablename__ = "loans"
    __table_args__ = (
        Index("ix_loans_patron_status", "patron_id", "status"),
        Index("ix_loans_holding", "holding_id"),
    )

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    patron_id: Mapped[int] = mapped_column(ForeignKey("patrons.id"))
    holding_id: Mapped[int | None] = mapped_column(ForeignKey("holdings.id"))
    licence_id: Mapped[int | None] = mapped_column(ForeignKey("licences.id"))
    status: Mapped[str] = mapped_column(String(12), default="active")
    due_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    returned_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    renewals: Mapped[int] = mapped_column(Integer, default=0)
    last_notice_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class Hold(TimestampMixin, Base):
    __tablename__ = "holds"
    __table_args__ = (
        Index("ix_holds_patron", "patron_id"),
        Index("ix_holds_pickup_status", "pickup_branch_id", "status"),
    )

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    patron_id: Mapped[int] = mapped_column(ForeignKey("patrons.id"))
    title_id: Mapped[int] = mapped_column(ForeignKey("titles.id"), nullable=False)
    pickup_branch_id: Mapped[int] = mapped_column(ForeignKey("branches.id"))
    status: Mapped[str] = mapped_column(String(12), default="queued")
    queued_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    ready_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    pickup_by: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), index=True)
    holding_id: Mapped[int | None] = mapped_column(ForeignKey("holdings.id"))


class Licence(Base):
    __tablename__ = "licences"
    __table_args__ = (Index("ix_licences_title", "title_id"),)

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    title_id: Mapped[int] = mapped_column(ForeignKey("titles.id"))
    external_id: Mapped[str] = mapped_column(String(64), unique=True)
    concurrent_cap: Mapped[int] = mapped_column(Integer, default=1)
    checkouts_remaining: Mapped[int | None] = mapped_column(Integer)
    in_use: Mapped[int] = mapped_column(Integer, default=0)
    expires_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class Fine(TimestampMixin, Base):
    __tablename__ = "fines"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    patron_id: Mapped[int] = mapped_column(ForeignKey("patrons.id"), index=True)
    loan_id: Mapped[int | None] = mapped_column(ForeignKey("loans.id"), unique=True)
    balance_cents: Mapped[int] = mapped_column(Integer)
    reason: Mapped[str] = mapped_column(String(32))


class Payment(TimestampMixin, Base):
    __tablename__ = "payments"
    __table_args__ = (UniqueConstraint("provider_ref", name="uq_payments_provider_ref"),)

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    patron_id: Mapped[int] = mapped_column(ForeignKey("patrons.id"), index=True)
    amount_cents: Mapped[int] = mapped_column(Integer)
    provider_ref: Mapped[str] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(12))


class TransferRequest(TimestampMixin, Base):
    __tablename__ = "transfer_requests"
    __table_args__ = (Index("ix_transfers_status_route", "status", "from_branch_id"),)

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    holding_id: Mapped[int] = mapped_column(ForeignKey("holdings.id"))
    hold_id: Mapped[int | None] = mapped_column(ForeignKey("holds.id"))
    from_branch_id: Mapped[int] = mapped_column(ForeignKey("branches.id"))
    to_branch_id: Mapped[int] = mapped_column(ForeignKey("branches.id"))
    status: Mapped[str] = mapped_column(String(12), default="requested")
    van_run: Mapped[str | None] = mapped_column(String(16))


class KioskEvent(Base):
    __tablename__ = "kiosk_events"
    __table_args__ = (UniqueConstraint("kiosk_id", "seq", name="uq_kiosk_events_seq"),)

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    kiosk_id: Mapped[str] = mapped_column(String(32))
    seq: Mapped[int] = mapped_column(BigInteger)
    kind: Mapped[str] = mapped_column(String(12))
    rfid_tag: Mapped[str] = mapped_column(String(32))
    card_number: Mapped[str | None] = mapped_column(String(14))
    occurred_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
