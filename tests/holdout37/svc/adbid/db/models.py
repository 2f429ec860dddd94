"""ORM models for advertisers, campaigns, creatives and the spend ledger."""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    BigInteger,
    Date,
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


class Advertiser(Base):
    __tablename__ = "advertisers"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    email: Mapped[str] = mapped_column(String(255), index=True)
    password_hash: Mapped[str] = mapped_column(String(200))
    api_key_prefix: Mapped[str] = mapped_column(String(12), unique=True)
    api_key_hash: Mapped[str] = mapped_column(String(200))
    currency: Mapped[str] = mapped_column(String(3), default="USD")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())

    campaigns: Mapped[list["Campaign"]] = relationship(back_populates="advertiser")


class Campaign(Base):
    __tablename__ = "campaigns"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    advertiser_id: Mapped[int] = mapped_column(ForeignKey("advertisers.id"))
    name: Mapped[str] = mapped_column(String(200))
    status: Mapped[str] = mapped_column(String(16), default="draft", index=True)
    daily_budget_micros: Mapped[int] = mapped_column(BigInteger)
    total_budget_micros: Mapped[int] = mapped_column(BigInteger)
    spent_micros: Mapped[int] = mapped_column(BigInteger, default=0)
    max_bid_micros: Mapped[int] = mapped_column(BigInteger)
    pacing: Mapped[str] = mapped_column(String(16), default="even")
    start_date: Mapped[date] = mapped_column(Date)
    end_date: Mapped[date] = mapped_column(Date)
    targeting: Mapped[str] = mapped_column(Text, default="{}")
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now(), onupdate=func.now()
    )

    advertiser: Mapped[Advertiser] = relationship(back_populates="campaigns")
    creatives: Mapped[list["Creative"]] = relationship(back_populates="campaign")


class Creative(Base):
    __tablename__ = "creatives"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    campaign_id: Mapped[int] = mapped_column(ForeignKey("campaigns.id"), index=True)
    width: Mapped[int] = mapped_column(Integer)
    height: Mapped[int] = mapped_column(Integer)
    markup: Mapped[str] = mapped_column(Text)
    landing_url: Mapped[str] = mapped_column(String(2048))
    audit_status: Mapped[str] = mapped_column(String(16), default="pending")

    campaign: Mapped[Campaign] = relationship(back_populates="creatives")


class SpendLedger(Base):
    __tablename__ = "spend_ledger"
    __table_args__ = (
        UniqueConstraint("campaign_id", "day", "source", name="uq_ledger_campaign_day_source"),
        Index("ix_ledger_day", "day"),
    )

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    campaign_id: Mapped[int] = mapped_column(ForeignKey("campaigns.id"))
    day: Mapped[date] = mapped_column(Date)
    source: Mapped[str] = mapped_column(String(16))
    amount_micros: Mapped[int] = mapped_column(BigInteger)
    fx_rate: Mapped[float] = mapped_column(Numeric(12, 6), default=1)
