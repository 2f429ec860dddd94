"""Request and response models shared by routers and services."""
from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field


class CampaignCreate(BaseModel):
    name: str = Field(min_length=1, max_length=200)
    external_ref: str | None = Field(default=None, max_length=64)
    daily_budget: Decimal = Field(gt=0)
    total_budget: Decimal = Field(gt=0)
    bid_cpm: Decimal = Field(gt=0)
    starts_at: datetime
    ends_at: datetime | None = None


class CampaignOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    advertiser_id: int
    name: str
    status: str
    daily_budget: Decimal
    bid_cpm: Decimal


class CampaignSummary(BaseModel):
    id: int
    name: str
    advertiser_name: str
    status: str
    creatives: int


class StatusChange(BaseModel):
    from_status: Literal["draft", "active", "paused"]
    to_status: Literal["active", "paused", "archived"]


class BudgetChange(BaseModel):
    daily_budget: Decimal = Field(gt=0)


class BidRequest(BaseModel):
    id: str
    imp_id: str
    site_domain: str
    page_url: str | None = None
    user_id: str
    ip: str
    width: int
    height: int
    segments: list[str] = Field(default_factory=list)
    blocked_domains: list[str] = Field(default_factory=list, max_length=200)
    floor_cpm: Decimal = Decimal("0")
    currency: str = "USD"
    pmp_deal_id: str | None = None


class BidResponse(BaseModel):
    id: str
    imp_id: str
    price: Decimal
    currency: str
    adm: str
    crid: str
    nurl: str


class ImpressionEvent(BaseModel):
    request_id: str
    campaign_id: int
    creative_id: int
    line_item_id: int
    user_hash: str
    site_domain: str
    price_cpm: Decimal
    ts: datetime

    def as_record(self) -> tuple[Any, ...]:
        """Values in the column order of ``EventRepository.insert_impressions``."""
        return tuple(getattr(self, name) for name in type(self).model_fields)


class ClickEvent(BaseModel):
    click_id: str
    impression_request_id: str
    campaign_id: int
    ts: datetime


class ConversionEvent(BaseModel):
    click_id: str
    campaign_id: int
    order_id: str
    value: Decimal
    ts: datetime


class ExportJob(BaseModel):
    id: str
    campaign_id: int
    status: Literal["running", "done", "failed"]
    path: str | None = None
    error: str | None = None
