"""Refund and ticket rows."""
from sqlalchemy import Integer, String
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class Refund(Base):
    __tablename__ = "refunds"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    state: Mapped[str] = mapped_column(String(16))
    amount_cents: Mapped[int] = mapped_column(Integer)
    card_token: Mapped[str] = mapped_column(String(64))
    gateway_ref: Mapped[str | None] = mapped_column(String(64), nullable=True)


class RefundAttempt(Base):
    __tablename__ = "refund_attempts"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    refund_id: Mapped[int] = mapped_column(Integer)
    state: Mapped[str] = mapped_column(String(16))


class Ticket(Base):
    __tablename__ = "tickets"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    status: Mapped[str] = mapped_column(String(16))
    email: Mapped[str] = mapped_column(String(128))
