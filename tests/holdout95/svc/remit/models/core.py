"""Customers, quotes and transfers."""
from __future__ import annotations

import enum
import uuid
from datetime import datetime
from decimal import Decimal

from sqlalchemy import DateTime, Enum, ForeignKey, Index, Numeric, String, UniqueConstraint
from sqlalchemy.dialects.postgresql import UUID
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, Timestamped


class KycTier(enum.IntEnum):
    NONE = 0
    BASIC = 1
    FULL = 2
    ENHANCED = 3


class Sender(Base, Timestamped):
    __tablename__ = "senders"
    __table_args__ = (
        UniqueConstraint("email"),
        Index("ix_senders_country_tier", "country", "kyc_tier"),
    )

    id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), primary_key=True, default=uuid.uuid4)
    email: Mapped[str] = mapped_column(String(320))
    full_name: Mapped[str] = mapped_column(String(200))
    country: Mapped[str] = mapped_column(String(2))
    kyc_tier: Mapped[KycTier] = mapped_column(Enum(KycTier), default=KycTier.NONE)
    pin_hash: Mapped[str | None] = mapped_column(String(200), nullable=True)
    is_pep: Mapped[bool] = mapped_column(default=False)


class Recipient(Base, Timestamped):
    __tablename__ = "recipients"
    __table_args__ = (Index("ix_recipients_sender_id", "sender_id"),)

    id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), primary_key=True, default=uuid.uuid4)
    sender_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("senders.id", ondelete="CASCADE"))
    full_name: Mapped[str] = mapped_column(String(200))
    country: Mapped[str] = mapped_column(String(2))
    payout_method: Mapped[str] = mapped_column(String(20))
    account_number: Mapped[str | None] = mapped_column(String(64), nullable=True)
    wallet_msisdn: Mapped[str | None] = mapped_column(String(20), nullable=True)


class QuoteStatus(str, enum.Enum):
    OPEN = "open"
    ACCEPTED = "accepted"
    EXPIRED = "expired"


class Quote(Base, Timestamped):
    __tablename__ = "quotes"
    __table_args__ = (
        Index("ix_quotes_status_expires_at", "status", "expires_at"),
    )

    id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), primary_key=True, default=uuid.uuid4)
    sender_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("senders.id"), index=True)
    provider: Mapped[str] = mapped_column(String(16))
    source_currency: Mapped[str] = mapped_column(String(3))
    target_currency: Mapped[str] = mapped_column(String(3))
    source_amount: Mapped[Decimal] = mapped_column(Numeric(18, 2))
    rate: Mapped[Decimal] = mapped_column(Numeric(18, 8))
    fee: Mapped[Decimal] = mapped_column(Numeric(18, 2))
    status: Mapped[QuoteStatus] = mapped_column(Enum(QuoteStatus), default=QuoteStatus.OPEN)
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class TransferStatus(str, enum.Enum):
    CREATED = "created"
    SCREENING = "screening"
    HELD = "held"
    FUNDING = "funding"
    FUNDED = "funded"
    PAYOUT_PENDING = "payout_pending"
    PAID_OUT = "paid_out"
    FAILED = "failed"
    REFUNDED = "refunded"


class Transfer(Base, Timestamped):
    __tablename__ = "transfers"
    __table_args__ = (
        Index("ix_transfers_sender_created", "sender_id", "created_at"),
        Index("ix_transfers_status_updated", "status", "updated_at"),
        Index("ix_transfers_corridor_created", "corridor", "created_at"),
    )

    id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), primary_key=True, default=uuid.uuid4)
    sender_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("senders.id"))
    recipient_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("recipients.id"))
    quote_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("quotes.id"), unique=True)
    corridor: Mapped[str] = mapped_column(String(8))
    source_amount: Mapped[Decimal] = mapped_column(Numeric(18, 2))
    target_amount: Mapped[Decimal] = mapped_column(Numeric(18, 2))
    fee: Mapped[Decimal] = mapped_column(Numeric(18, 2))
    status: Mapped[TransferStatus] = mapped_column(Enum(TransferStatus), default=TransferStatus.CREATED)
    payout_method: Mapped[str] = mapped_column(String(20))
    partner_id: Mapped[str | None] = mapped_column(String(32), nullable=True)
    payment_intent_id: Mapped[str | None] = mapped_column(String(64), unique=True, nullable=True)
    partner_reference: Mapped[str | None] = mapped_column(String(64), nullable=True)
    recipient_name: Mapped[str] = mapped_column(String(200))
    poll_failures: Mapped[int] = mapped_column(default=0)
