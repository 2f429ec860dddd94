"""ORM models. Alembic migrations are generated from these definitions."""
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
    UniqueConstraint,
    func,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


class Base(DeclarativeBase):
    pass


AMOUNT = Numeric(38, 18)


class Customer(Base):
    __tablename__ = "customers"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    external_ref: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    api_key_hash: Mapped[str] = mapped_column(String(128))
    api_key_salt: Mapped[str] = mapped_column(String(64))
    webhook_url: Mapped[str | None] = mapped_column(String(500), nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())

    accounts: Mapped[list["Account"]] = relationship(back_populates="customer")


class Account(Base):
    __tablename__ = "accounts"
    __table_args__ = (
        UniqueConstraint("customer_id", "asset", "kind", name="uq_account_customer_asset_kind"),
    )

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    customer_id: Mapped[int | None] = mapped_column(ForeignKey("customers.id"), nullable=True)
    asset: Mapped[str] = mapped_column(String(16))
    kind: Mapped[str] = mapped_column(String(16))  # customer, hot, cold, fees, suspense
    balance: Mapped[Decimal] = mapped_column(AMOUNT, default=Decimal(0))
    held: Mapped[Decimal] = mapped_column(AMOUNT, default=Decimal(0))
    version: Mapped[int] = mapped_column(Integer, default=0)

    customer: Mapped[Customer | None] = relationship(back_populates="accounts")


class DepositAddress(Base):
    __tablename__ = "deposit_addresses"
    __table_args__ = (
        UniqueConstraint("chain", "address", name="uq_address_chain_address"),
        Index("ix_address_customer", "customer_id"),
    )

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    chain: Mapped[str] = mapped_column(String(16))
    address: Mapped[str] = mapped_column(String(128))
    derivation_index: Mapped[int] = mapped_column(Integer)
    customer_id: Mapped[int | None] = mapped_column(ForeignKey("customers.id"), nullable=True)
    label: Mapped[str | None] = mapped_column(String(100), nullable=True)
    assigned_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)


class Deposit(Base):
    __tablename__ = "deposits"
    __table_args__ = (
        UniqueConstraint("chain", "txid", "vout", name="uq_deposit_chain_txid_vout"),
        Index("ix_deposit_address", "address_id"),
    )

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    chain: Mapped[str] = mapped_column(String(16))
    txid: Mapped[str] = mapped_column(String(128))
    vout: Mapped[int] = mapped_column(Integer, default=0)
    address_id: Mapped[int] = mapped_column(ForeignKey("deposit_addresses.id"))
    amount: Mapped[Decimal] = mapped_column(AMOUNT)
    block_height: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
    confirmations: Mapped[int] = mapped_column(Integer, default=0)
    status: Mapped[str] = mapped_column(String(16), default="seen")  # seen, confirmed, credited, orphaned
    swept: Mapped[bool] = mapped_column(default=False)
    seen_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class LedgerTransaction(Base):
    __tablename__ = "ledger_transactions"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    kind: Mapped[str] = mapped_column(String(32))
    reference: Mapped[str] = mapped_column(String(128), unique=True)
    memo: Mapped[str | None] = mapped_column(Text, nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())

    entries: Mapped[list["LedgerEntry"]] = relationship(back_populates="transaction")


class LedgerEntry(Base):
    __tablename__ = "ledger_entries"
    __table_args__ = (
        Index("ix_entry_account_created", "account_id", "created_at"),
        Index("ix_entry_transaction", "transaction_id"),
    )

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    transaction_id: Mapped[int] = mapped_column(ForeignKey("ledger_transactions.id"))
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"))
    amount: Mapped[Decimal] = mapped_column(AMOUNT)  # positive = credit, negative = debit
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())

    transaction: Mapped[LedgerTransaction] = relationship(back_populates="entries")


class Withdrawal(Base):
    __tablename__ = "withdrawals"
    __table_args__ = (Index("ix_withdrawal_customer_created", "customer_id", "created_at"),)

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"))
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"))
    chain: Mapped[str] = mapped_column(String(16))
    asset: Mapped[str] = mapped_column(String(16))
    destination: Mapped[str] = mapped_column(String(128))
    amount: Mapped[Decimal] = mapped_column(AMOUNT)
    fee: Mapped[Decimal] = mapped_column(AMOUNT, default=Decimal(0))
    status: Mapped[str] = mapped_column(String(24), default="pending")
    signed_tx: Mapped[str | None] = mapped_column(Text, nullable=True)
    txid: Mapped[str | None] = mapped_column(String(128), nullable=True)
    requested_by: Mapped[str] = mapped_column(String(64))
    idempotency_key: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now(), onupdate=func.now()
    )

    approvals: Mapped[list["Approval"]] = relationship(back_populates="withdrawal")


class Approval(Base):
    __tablename__ = "withdrawal_approvals"
    __table_args__ = (
        UniqueConstraint("withdrawal_id", "approver", name="uq_approval_withdrawal_approver"),
    )

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    withdrawal_id: Mapped[int] = mapped_column(ForeignKey("withdrawals.id"))
    approver: Mapped[str] = mapped_column(String(64))
    decision: Mapped[str] = mapped_column(String(16))
    comment: Mapped[str | None] = mapped_column(Text, nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())

    withdrawal: Mapped[Withdrawal] = relationship(back_populates="approvals")


class PriceSnapshot(Base):
    __tablename__ = "price_snapshots"
    __table_args__ = (Index("ix_price_asset_taken", "asset", "taken_at"),)

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    asset: Mapped[str] = mapped_column(String(16))
    quote: Mapped[str] = mapped_column(String(8), default="USD")
    price: Mapped[Decimal] = mapped_column(AMOUNT)
    source: Mapped[str] = mapped_column(String(32))
    taken_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class Sweep(Base):
    __tablename__ = "sweeps"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    chain: Mapped[str] = mapped_column(String(16))
    txid: Mapped[str | None] = mapped_column(String(128), nullable=True)
    total: Mapped[Decimal] = mapped_column(AMOUNT)
    deposit_count: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(16), default="created")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class AuditEvent(Base):
    __tablename__ = "audit_events"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    actor: Mapped[str] = mapped_column(String(64))
    action: Mapped[str] = mapped_column(String(64))
    subject: Mapped[str] = mapped_column(String(128))
    detail: Mapped[str | None] = mapped_column(Text, nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
