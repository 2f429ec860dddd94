from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy import Boolean, DateTime, ForeignKey, Index, Numeric, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, TimestampMixin


class User(TimestampMixin, Base):
    __tablename__ = "users"
    __table_args__ = (
        Index("ix_users_email", "email", unique=True),
        Index("ix_users_role_kyc", "role", "kyc_status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(320), nullable=False)
    display_name: Mapped[str] = mapped_column(String(120))
    role: Mapped[str] = mapped_column(String(16))  # client | freelancer | mediator | admin
    password_hash: Mapped[str] = mapped_column(String(256))
    password_salt: Mapped[str] = mapped_column(String(64))
    kyc_status: Mapped[str] = mapped_column(String(16), default="unverified")
    kyc_reference: Mapped[str | None] = mapped_column(String(64), index=True)
    country: Mapped[str] = mapped_column(String(2), default="US")
    tax_id_last4: Mapped[str | None] = mapped_column(String(4))
    is_active: Mapped[bool] = mapped_column(Boolean, default=True)


class Job(TimestampMixin, Base):
    __tablename__ = "jobs"
    __table_args__ = (
        Index("ix_jobs_client_id", "client_id"),
        Index("ix_jobs_status_created", "status", "created_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text)
    category: Mapped[str] = mapped_column(String(64))
    budget_min: Mapped[Decimal] = mapped_column(Numeric(12, 2))
    budget_max: Mapped[Decimal] = mapped_column(Numeric(12, 2))
    currency: Mapped[str] = mapped_column(String(3), default="USD")
    status: Mapped[str] = mapped_column(String(16), default="open")


class Proposal(TimestampMixin, Base):
    __tablename__ = "proposals"
    __table_args__ = (
        UniqueConstraint("job_id", "freelancer_id", name="uq_proposal_job_freelancer"),
        Index("ix_proposals_freelancer_id", "freelancer_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    job_id: Mapped[int] = mapped_column(ForeignKey("jobs.id"))
    freelancer_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    bid_amount: Mapped[Decimal] = mapped_column(Numeric(12, 2))
    cover_letter: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(16), default="submitted")


class Contract(TimestampMixin, Base):
    __tablename__ = "contracts"
    __table_args__ = (
        Index("ix_contracts_client_id", "client_id"),
        Index("ix_contracts_freelancer_id", "freelancer_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    job_id: Mapped[int] = mapped_column(ForeignKey("jobs.id"))
    proposal_id: Mapped[int] = mapped_column(ForeignKey("proposals.id"), unique=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    freelancer_id: Mapped[int] = mapped_column(ForeignKey("users.id"), nullable=False)
    currency: Mapped[str] = mapped_column(String(3))
    status: Mapped[str] = mapped_column(String(16), default="active")
    escrow_balance: Mapped[Decimal] = mapped_column(Numeric(12, 2), default=0)

    milestones: Mapped[list["Milestone"]] = relationship(back_populates="contract", lazy="raise")


class Milestone(TimestampMixin, Base):
    __tablename__ = "milestones"
    __table_args__ = (
        Index("ix_milestones_contract_id", "contract_id"),
        Index("ix_milestones_status_approved_at", "status", "approved_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    contract_id: Mapped[int] = mapped_column(ForeignKey("contracts.id"))
    title: Mapped[str] = mapped_column(String(200))
    amount: Mapped[Decimal] = mapped_column(Numeric(12, 2))
    status: Mapped[str] = mapped_column(String(16), default="pending")
    payment_intent_id: Mapped[str | None] = mapped_column(String(64), unique=True)
    approved_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    released_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    contract: Mapped[Contract] = relationship(back_populates="milestones")
