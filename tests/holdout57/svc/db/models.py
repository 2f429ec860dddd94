from __future__ import annotations

import enum
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    Enum,
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


class ClaimStatus(str, enum.Enum):
    REPORTED = "reported"
    TRIAGE = "triage"
    ASSIGNED = "assigned"
    INVESTIGATING = "investigating"
    APPROVED = "approved"
    DENIED = "denied"
    CLOSED = "closed"


OPEN_STATUSES = (ClaimStatus.REPORTED, ClaimStatus.TRIAGE, ClaimStatus.ASSIGNED, ClaimStatus.INVESTIGATING)


class PayoutStatus(str, enum.Enum):
    PENDING_APPROVAL = "pending_approval"
    APPROVED = "approved"
    SUBMITTED = "submitted"
    SETTLED = "settled"
    FAILED = "failed"
    UNKNOWN = "unknown"


class Policy(Base):
    __tablename__ = "policies"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    policy_number: Mapped[str] = mapped_column(String(32), unique=True, index=True)
    holder_name: Mapped[str] = mapped_column(String(200))
    holder_email: Mapped[str] = mapped_column(String(320))
    product: Mapped[str] = mapped_column(String(40))
    effective_date: Mapped[date] = mapped_column(Date)
    expiration_date: Mapped[date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(20), default="active")
    premium: Mapped[Decimal] = mapped_column(Numeric(12, 2))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())

    coverages: Mapped[list[Coverage]] = relationship(back_populates="policy", lazy="raise")
    endorsements: Mapped[list[Endorsement]] = relationship(back_populates="policy", lazy="raise")


class Coverage(Base):
    __tablename__ = "coverages"
    __table_args__ = (UniqueConstraint("policy_id", "code", name="uq_coverage_policy_code"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    policy_id: Mapped[int] = mapped_column(ForeignKey("policies.id", ondelete="CASCADE"))
    code: Mapped[str] = mapped_column(String(20))
    limit_amount: Mapped[Decimal] = mapped_column(Numeric(12, 2))
    deductible: Mapped[Decimal] = mapped_column(Numeric(12, 2))
    active: Mapped[bool] = mapped_column(Boolean, default=True)

    policy: Mapped[Policy] = relationship(back_populates="coverages")


class Endorsement(Base):
    __tablename__ = "endorsements"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    policy_id: Mapped[int] = mapped_column(ForeignKey("policies.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(40))
    effective_date: Mapped[date] = mapped_column(Date)
    changes: Mapped[dict] = mapped_column(JSON)
    premium_delta: Mapped[Decimal] = mapped_column(Numeric(12, 2), default=Decimal("0"))
    created_by: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())

    policy: Mapped[Policy] = relationship(back_populates="endorsements")


class Adjuster(Base):
    __tablename__ = "adjusters"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    email: Mapped[str] = mapped_column(String(320), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    region: Mapped[str] = mapped_column(String(20), index=True)
    capacity: Mapped[int] = mapped_column(Integer, default=25)
    open_claims: Mapped[int] = mapped_column(Integer, default=0)
    approval_limit: Mapped[Decimal] = mapped_column(Numeric(12, 2))
    supervisor_id: Mapped[int | None] = mapped_column(ForeignKey("adjusters.id"), nullable=True)
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class Claim(Base):
    __tablename__ = "claims"
    __table_args__ = (
        Index("ix_claims_policy_id", "policy_id"),
        Index("ix_claims_adjuster_status", "adjuster_id", "status"),
        Index("ix_claims_region_status", "region", "status"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    claim_number: Mapped[str] = mapped_column(String(32), unique=True)
    policy_id: Mapped[int] = mapped_column(ForeignKey("policies.id"))
    adjuster_id: Mapped[int | None] = mapped_column(ForeignKey("adjusters.id"), nullable=True)
    status: Mapped[ClaimStatus] = mapped_column(Enum(ClaimStatus, name="claim_status"))
    loss_date: Mapped[date] = mapped_column(Date)
    loss_type: Mapped[str] = mapped_column(String(40))
    description: Mapped[str] = mapped_column(Text)
    claimant_email: Mapped[str] = mapped_column(String(320))
    region: Mapped[str] = mapped_column(String(20))
    vin: Mapped[str | None] = mapped_column(String(17), nullable=True)
    fraud_score: Mapped[float | None] = mapped_column(nullable=True)
    fraud_band: Mapped[str | None] = mapped_column(String(16), nullable=True)
    estimated_value: Mapped[Decimal | None] = mapped_column(Numeric(12, 2), nullable=True)
    sla_due_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    escalation_level: Mapped[int] = mapped_column(Integer, default=0)
    reported_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now(), onupdate=func.now())

    documents: Mapped[list[Document]] = relationship(back_populates="claim", lazy="raise")


class Document(Base):
    __tablename__ = "documents"
    __table_args__ = (
        Index("ix_documents_claim_id", "claim_id"),
        Index("ix_documents_ocr_status_kind", "ocr_status", "kind"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    claim_id: Mapped[int] = mapped_column(ForeignKey("claims.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(20))
    object_key: Mapped[str] = mapped_column(String(512))
    content_type: Mapped[str] = mapped_column(String(100))
    size_bytes: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    ocr_status: Mapped[str] = mapped_column(String(20), default="pending")
    ocr_job_id: Mapped[str | None] = mapped_column(String(64), nullable=True)
    ocr_text: Mapped[str | None] = mapped_column(Text, nullable=True)
    uploaded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())

    claim: Mapped[Claim] = relationship(back_populates="documents")


class Reserve(Base):
    __tablename__ = "reserves"
    __table_args__ = (UniqueConstraint("claim_id", "coverage_code", name="uq_reserve_claim_coverage"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    claim_id: Mapped[int] = mapped_column(ForeignKey("claims.id"))
    coverage_code: Mapped[str] = mapped_column(String(20))
    amount: Mapped[Decimal] = mapped_column(Numeric(14, 2), default=Decimal("0"))
    paid_to_date: Mapped[Decimal] = mapped_column(Numeric(14, 2), default=Decimal("0"))
    version: Mapped[int] = mapped_column(Integer, default=1)


class LedgerEntry(Base):
    __tablename__ = "ledger_entries"
    __table_args__ = (Index("ix_ledger_claim_created", "claim_id", "created_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    claim_id: Mapped[int] = mapped_column(ForeignKey("claims.id"))
    entry_type: Mapped[str] = mapped_column(String(20))
    coverage_code: Mapped[str] = mapped_column(String(20))
    amount: Mapped[Decimal] = mapped_column(Numeric(14, 2))
    actor: Mapped[str] = mapped_column(String(64))
    memo: Mapped[str | None] = mapped_column(Text, nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class Payout(Base):
    __tablename__ = "payouts"
    __table_args__ = (
        Index("ix_payouts_claim_id", "claim_id"),
        Index("ix_payouts_status_submitted", "status", "submitted_at"),
        UniqueConstraint("idempotency_key", name="uq_payouts_idempotency_key"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    claim_id: Mapped[int] = mapped_column(ForeignKey("claims.id"))
    coverage_code: Mapped[str] = mapped_column(String(20))
    amount: Mapped[Decimal] = mapped_column(Numeric(14, 2))
    payee_name: Mapped[str] = mapped_column(String(200))
    payee_account: Mapped[str] = mapped_column(String(64))
    status: Mapped[PayoutStatus] = mapped_column(Enum(PayoutStatus, name="payout_status"))
    requested_by: Mapped[str] = mapped_column(String(64))
    approved_by: Mapped[str | None] = mapped_column(String(64), nullable=True)
    idempotency_key: Mapped[str] = mapped_column(String(64))
    external_ref: Mapped[str | None] = mapped_column(String(64), nullable=True)
    failure_reason: Mapped[str | None] = mapped_column(Text, nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    submitted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
