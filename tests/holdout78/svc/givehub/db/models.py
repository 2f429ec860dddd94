from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    BigInteger,
    Boolean,
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


class Charity(Base):
    __tablename__ = "charities"
    __table_args__ = (
        UniqueConstraint("registration_number", name="uq_charities_registration"),
        Index("ix_charities_slug", "slug", unique=True),
    )

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    slug: Mapped[str] = mapped_column(String(120))
    registration_number: Mapped[str] = mapped_column(String(32))
    country: Mapped[str] = mapped_column(String(2), default="GB")
    payout_account_ref: Mapped[str | None] = mapped_column(String(64))
    verified: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class Campaign(Base):
    __tablename__ = "campaigns"
    __table_args__ = (
        Index("ix_campaigns_charity_id", "charity_id"),
        Index("ix_campaigns_status_ends_at", "status", "ends_at"),
    )

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    charity_id: Mapped[int] = mapped_column(ForeignKey("charities.id"))
    title: Mapped[str] = mapped_column(String(200))
    goal_cents: Mapped[int] = mapped_column(BigInteger)
    raised_cents: Mapped[int] = mapped_column(BigInteger, default=0)
    donor_count: Mapped[int] = mapped_column(Integer, default=0)
    currency: Mapped[str] = mapped_column(String(3), default="GBP")
    status: Mapped[str] = mapped_column(String(16), default="draft")
    ends_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    charity: Mapped[Charity] = relationship(lazy="raise")


class Donor(Base):
    __tablename__ = "donors"
    __table_args__ = (Index("ix_donors_email", "email", unique=True),)

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    email: Mapped[str] = mapped_column(String(254))
    display_name: Mapped[str] = mapped_column(String(120))
    full_name: Mapped[str] = mapped_column(String(200))
    postcode: Mapped[str | None] = mapped_column(String(10))
    house_number: Mapped[str | None] = mapped_column(String(20))
    password_hash: Mapped[str | None] = mapped_column(String(100))
    uk_taxpayer: Mapped[bool] = mapped_column(Boolean, default=False)
    employer_id: Mapped[int | None] = mapped_column(ForeignKey("employers.id"))
    anonymous: Mapped[bool] = mapped_column(Boolean, default=False)


class Donation(Base):
    __tablename__ = "donations"
    __table_args__ = (
        Index("ix_donations_campaign_id_created_at", "campaign_id", "created_at"),
        Index("ix_donations_donor_id", "donor_id"),
        Index("ix_donations_charity_unpaid", "charity_id", "payout_batch_id"),
    )

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    campaign_id: Mapped[int] = mapped_column(ForeignKey("campaigns.id"))
    charity_id: Mapped[int] = mapped_column(ForeignKey("charities.id"))
    donor_id: Mapped[int] = mapped_column(ForeignKey("donors.id"))
    amount_cents: Mapped[int] = mapped_column(BigInteger)
    fee_cents: Mapped[int] = mapped_column(BigInteger, default=0)
    currency: Mapped[str] = mapped_column(String(3), default="GBP")
    status: Mapped[str] = mapped_column(String(16), default="pending")
    gateway_ref: Mapped[str | None] = mapped_column(String(64))
    idempotency_key: Mapped[str] = mapped_column(String(64), unique=True)
    giftaid: Mapped[bool] = mapped_column(Boolean, default=False)
    fraud_score: Mapped[float | None] = mapped_column(Numeric(4, 3))
    recurring_plan_id: Mapped[int | None] = mapped_column(ForeignKey("recurring_plans.id"))
    payout_batch_id: Mapped[int | None] = mapped_column(ForeignKey("payout_batches.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())

    campaign: Mapped[Campaign] = relationship(lazy="raise")
    donor: Mapped[Donor] = relationship(lazy="raise")


class RecurringPlan(Base):
    __tablename__ = "recurring_plans"
    # next_charge_at index is declared in migrations/0002_indexes.sql (partial, active plans only)

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    donor_id: Mapped[int] = mapped_column(ForeignKey("donors.id"))
    campaign_id: Mapped[int] = mapped_column(ForeignKey("campaigns.id"))
    amount_cents: Mapped[int] = mapped_column(BigInteger)
    interval_days: Mapped[int] = mapped_column(Integer, default=30)
    gateway_mandate: Mapped[str] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(16), default="active")
    failures: Mapped[int] = mapped_column(Integer, default=0)
    next_charge_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class Employer(Base):
    __tablename__ = "employers"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    external_ref: Mapped[str] = mapped_column(String(64), unique=True)
    match_ratio: Mapped[float] = mapped_column(Numeric(4, 2), default=1)
    annual_cap_cents: Mapped[int] = mapped_column(BigInteger)


class MatchPledge(Base):
    __tablename__ = "match_pledges"
    __table_args__ = (Index("ix_match_pledges_donation_id", "donation_id", unique=True),)

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    donation_id: Mapped[int] = mapped_column(ForeignKey("donations.id"))
    employer_id: Mapped[int] = mapped_column(ForeignKey("employers.id"))
    amount_cents: Mapped[int] = mapped_column(BigInteger)
    status: Mapped[str] = mapped_column(String(16), default="pledged")
    fiscal_year: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class Receipt(Base):
    __tablename__ = "receipts"
    __table_args__ = (
        Index("ix_receipts_donation_id", "donation_id", unique=True),
        Index("ix_receipts_pending", "created_at", postgresql_where="status = 'pending'"),
    )

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    donation_id: Mapped[int] = mapped_column(ForeignKey("donations.id"))
    donor_id: Mapped[int] = mapped_column(ForeignKey("donors.id"))
    number: Mapped[str] = mapped_column(String(32), unique=True)
    status: Mapped[str] = mapped_column(String(16), default="pending")
    pdf_path: Mapped[str | None] = mapped_column(Text)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class PayoutBatch(Base):
    __tablename__ = "payout_batches"
    __table_args__ = (Index("ix_payout_batches_status", "status"),)

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    charity_id: Mapped[int] = mapped_column(ForeignKey("charities.id"))
    total_cents: Mapped[int] = mapped_column(BigInteger)
    status: Mapped[str] = mapped_column(String(16), default="open")
    bank_ref: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class MilestoneEvent(Base):
    __tablename__ = "milestone_events"
    __table_args__ = (UniqueConstraint("campaign_id", "percent", name="uq_milestone_campaign_percent"),)

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    campaign_id: Mapped[int] = mapped_column(ForeignKey("campaigns.id"))
    percent: Mapped[int] = mapped_column(Integer)
    sent_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
