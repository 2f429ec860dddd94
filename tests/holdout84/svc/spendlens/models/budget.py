from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import ARRAY, Date, DateTime, ForeignKey, Index, Integer, Numeric, String, UniqueConstraint, func
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, TimestampMixin


class Budget(TimestampMixin, Base):
    __tablename__ = "budgets"
    __table_args__ = (
        Index("ix_budgets_tenant", "tenant_id"),
        Index("ix_budgets_account", "account_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    tenant_id: Mapped[int] = mapped_column(ForeignKey("tenants.id", ondelete="CASCADE"))
    account_id: Mapped[int | None] = mapped_column(ForeignKey("cloud_accounts.id"), nullable=True)
    name: Mapped[str] = mapped_column(String(200))
    period: Mapped[str] = mapped_column(String(16), default="monthly")
    amount: Mapped[Decimal] = mapped_column(Numeric(18, 2))
    currency: Mapped[str] = mapped_column(String(3), default="USD")
    thresholds: Mapped[list[int]] = mapped_column(ARRAY(Integer), default=list)
    notify_emails: Mapped[list[str]] = mapped_column(ARRAY(String), default=list)
    slack_webhook: Mapped[str | None] = mapped_column(String(512), nullable=True)
    consumed_amount: Mapped[Decimal] = mapped_column(Numeric(18, 2), default=0)
    period_start: Mapped[date] = mapped_column(Date, server_default=func.current_date())
    active: Mapped[bool] = mapped_column(default=True)


class BudgetAlert(Base):
    __tablename__ = "budget_alerts"
    __table_args__ = (UniqueConstraint("budget_id", "threshold", "period_start", name="uq_budget_alerts_once"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    budget_id: Mapped[int] = mapped_column(ForeignKey("budgets.id", ondelete="CASCADE"))
    threshold: Mapped[int] = mapped_column(Integer)
    period_start: Mapped[date] = mapped_column(Date)
    sent_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
