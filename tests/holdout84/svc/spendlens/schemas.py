from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Literal

from pydantic import BaseModel, Field

Provider = Literal["aws", "gcp", "azure"]
Period = Literal["monthly", "quarterly", "yearly"]


class AccountIn(BaseModel):
    provider: Provider
    external_account_id: str
    display_name: str
    export_prefix: str


class AccountOut(AccountIn):
    id: int
    enabled: bool
    last_ingested_at: datetime | None = None


class BudgetIn(BaseModel):
    name: str
    amount: Decimal = Field(gt=0)
    currency: str = "USD"
    period: Period = "monthly"
    account_id: int | None = None
    thresholds: list[int] = Field(default_factory=lambda: [50, 80, 100])
    notify_emails: list[str] = Field(default_factory=list)
    slack_webhook: str | None = None


class BudgetOut(BudgetIn):
    id: int
    consumed_amount: Decimal


class CreditIn(BaseModel):
    amount: Decimal


class SpendSummary(BaseModel):
    tenant_id: int
    start: date
    end: date
    total: Decimal
    by_account: dict[str, Decimal]


class ExportRequest(BaseModel):
    start: date
    end: date
    format: Literal["csv", "pdf"] = "csv"


class ExportJobOut(BaseModel):
    job_id: str
    status: str
    rows: int = 0
    download_url: str | None = None


class TagPolicyIn(BaseModel):
    name: str
    required_keys: list[str]
    allowed_values: dict[str, list[str]] = Field(default_factory=dict)


class SkuAliasIn(BaseModel):
    raw_sku: str
    canonical: str
