"""Request/response models (a subset of OpenRTB 2.5 plus the campaign API)."""
from __future__ import annotations

from datetime import date
from decimal import Decimal

from pydantic import BaseModel, EmailStr, Field


class Banner(BaseModel):
    w: int
    h: int


class Impression(BaseModel):
    id: str
    banner: Banner | None = None
    bidfloor: float = 0.0
    bidfloorcur: str = "USD"


class Geo(BaseModel):
    country: str | None = None


class Device(BaseModel):
    ip: str | None = None
    ua: str | None = None
    geo: Geo | None = None


class User(BaseModel):
    id: str | None = None


class Site(BaseModel):
    domain: str | None = None
    page: str | None = None


class BidRequest(BaseModel):
    id: str
    imp: list[Impression]
    site: Site | None = None
    device: Device | None = None
    user: User | None = None
    tmax: int | None = None
    badv: list[str] = Field(default_factory=list)


class Bid(BaseModel):
    id: str
    impid: str
    price: float
    adm: str
    crid: str
    nurl: str | None = None


class SeatBid(BaseModel):
    bid: list[Bid]


class BidResponse(BaseModel):
    id: str
    seatbid: list[SeatBid]
    cur: str = "USD"


class AdvertiserSignup(BaseModel):
    name: str = Field(min_length=2, max_length=200)
    email: EmailStr
    password: str = Field(min_length=10)
    currency: str = "USD"


class AdvertiserOut(BaseModel):
    id: int
    name: str
    email: str
    currency: str


class CampaignCreate(BaseModel):
    name: str
    daily_budget: Decimal = Field(gt=0)
    total_budget: Decimal = Field(gt=0)
    max_bid_cpm: Decimal = Field(gt=0)
    pacing: str = "even"
    start_date: date
    end_date: date
    countries: list[str] = Field(default_factory=list)
    frequency_cap: int = 0


class CampaignOut(BaseModel):
    id: int
    name: str
    status: str
    daily_budget_micros: int
    spent_micros: int
    creatives: list[dict] = Field(default_factory=list)


class BudgetTopUp(BaseModel):
    amount: Decimal = Field(gt=0)


class ReportRequest(BaseModel):
    start: date
    end: date
    campaign_ids: list[int] | None = None


class CreativeCreate(BaseModel):
    width: int = Field(gt=0, le=4096)
    height: int = Field(gt=0, le=4096)
    markup: str = Field(min_length=1, max_length=100_000)
    landing_url: str = Field(min_length=8, max_length=2048)


class CreativeOut(BaseModel):
    id: int
    campaign_id: int
    width: int
    height: int
    audit_status: str
