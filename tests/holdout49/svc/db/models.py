"""ORM models and index definitions."""
from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy import (
    BigInteger,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    Numeric,
    String,
    Text,
    func,
)
from sqlalchemy.dialects.postgresql import JSONB, TSVECTOR
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    email: Mapped[str] = mapped_column(String(320), unique=True)
    display_name: Mapped[str] = mapped_column(String(80))
    password_hash: Mapped[str] = mapped_column(String(128))
    is_seller: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class SellerAccount(Base):
    __tablename__ = "seller_accounts"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), unique=True)
    payout_destination: Mapped[str] = mapped_column(String(64))
    balance_cents: Mapped[int] = mapped_column(BigInteger, default=0)


class Lot(Base):
    __tablename__ = "lots"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    seller_id: Mapped[int] = mapped_column(ForeignKey("seller_accounts.id"))
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    category: Mapped[str] = mapped_column(String(40))
    status: Mapped[str] = mapped_column(String(16), default="scheduled")
    starting_price_cents: Mapped[int] = mapped_column(BigInteger)
    reserve_price_cents: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
    current_price_cents: Mapped[int] = mapped_column(BigInteger, default=0)
    leading_bidder_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), nullable=True)
    starts_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    ends_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    extensions: Mapped[int] = mapped_column(Integer, default=0)
    search_vector: Mapped[str | None] = mapped_column(TSVECTOR, nullable=True)
    version: Mapped[int] = mapped_column(Integer, default=0)

    images: Mapped[list["LotImage"]] = relationship(back_populates="lot", lazy="selectin")

    __table_args__ = (
        Index("ix_lots_status_ends_at", "status", "ends_at"),
        Index("ix_lots_seller_id", "seller_id"),
        Index("ix_lots_search_vector", "search_vector", postgresql_using="gin"),
        Index("ix_lots_category_status", "category", "status"),
    )


class Bid(Base):
    __tablename__ = "bids"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    lot_id: Mapped[int] = mapped_column(ForeignKey("lots.id"))
    bidder_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    amount_cents: Mapped[int] = mapped_column(BigInteger)
    placed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    fraud_score: Mapped[Decimal | None] = mapped_column(Numeric(5, 4), nullable=True)

    __table_args__ = (
        Index("ix_bids_bidder_id_placed_at", "bidder_id", "placed_at"),
    )


class LotImage(Base):
    __tablename__ = "lot_images"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    lot_id: Mapped[int] = mapped_column(ForeignKey("lots.id"), index=True)
    path: Mapped[str] = mapped_column(String(400))
    moderation_status: Mapped[str] = mapped_column(String(16), default="pending")
    labels: Mapped[dict | None] = mapped_column(JSONB, nullable=True)

    lot: Mapped[Lot] = relationship(back_populates="images")


class EscrowPayment(Base):
    __tablename__ = "escrow_payments"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    lot_id: Mapped[int] = mapped_column(ForeignKey("lots.id"), unique=True)
    buyer_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    provider_ref: Mapped[str | None] = mapped_column(String(64), unique=True, nullable=True)
    amount_cents: Mapped[int] = mapped_column(BigInteger)
    status: Mapped[str] = mapped_column(String(16), default="pending")
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class Payout(Base):
    __tablename__ = "payouts"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    seller_id: Mapped[int] = mapped_column(ForeignKey("seller_accounts.id"))
    lot_id: Mapped[int] = mapped_column(ForeignKey("lots.id"), unique=True)
    amount_cents: Mapped[int] = mapped_column(BigInteger)
    status: Mapped[str] = mapped_column(String(16), default="pending")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    provider_transfer_id: Mapped[str | None] = mapped_column(String(64), nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    meta: Mapped[dict | None] = mapped_column(JSONB, nullable=True)

    __table_args__ = (
        Index("ix_payouts_seller_id", "seller_id"),
    )


class FraudFlag(Base):
    __tablename__ = "fraud_flags"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    bid_id: Mapped[int | None] = mapped_column(ForeignKey("bids.id"), nullable=True)
    score: Mapped[Decimal] = mapped_column(Numeric(5, 4))
    reason: Mapped[str] = mapped_column(String(200))


class Watch(Base):
    __tablename__ = "watches"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    lot_id: Mapped[int] = mapped_column(ForeignKey("lots.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())

    __table_args__ = (
        Index("uq_watches_user_lot", "user_id", "lot_id", unique=True),
        Index("ix_watches_lot_id", "lot_id"),
    )


class Invoice(Base):
    __tablename__ = "invoices"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    lot_id: Mapped[int] = mapped_column(ForeignKey("lots.id"), unique=True)
    buyer_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    seller_id: Mapped[int] = mapped_column(ForeignKey("seller_accounts.id"), index=True)
    hammer_cents: Mapped[int] = mapped_column(BigInteger)
    buyer_premium_cents: Mapped[int] = mapped_column(BigInteger)
    seller_fee_cents: Mapped[int] = mapped_column(BigInteger)
    issued_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())

    __table_args__ = (
        Index("ix_invoices_issued_at", "issued_at"),
    )
