"""Request/response models shared by the API and the services."""
from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, EmailStr, Field


class SellerCreate(BaseModel):
    slug: str = Field(pattern=r"^[a-z0-9-]{3,80}$")
    display_name: str = Field(min_length=2, max_length=200)
    email: EmailStr
    country: str = Field(min_length=2, max_length=2)


class SellerOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    slug: str
    display_name: str
    country: str
    status: str
    kyc_status: str


class SellerSummary(BaseModel):
    id: int
    slug: str
    display_name: str
    rating: float
    country: str


class ApiKeyOut(BaseModel):
    token: str
    prefix: str
    created_at: datetime | None = None


class KycDocument(BaseModel):
    kind: str
    upload_url: str


class KycSubmit(BaseModel):
    documents: list[KycDocument] = Field(min_length=1, max_length=5)


class ListingCreate(BaseModel):
    title: str = Field(min_length=3, max_length=200)
    description: str = ""
    category: str
    price_minor: int = Field(gt=0)
    currency: str = Field(min_length=3, max_length=3)
    quantity: int = Field(ge=0)


class ListingCard(BaseModel):
    id: int
    title: str
    category: str
    price_minor: int
    currency: str
    image_key: str | None
    seller: SellerSummary

    @classmethod
    def from_models(cls, listing: Any, seller: SellerSummary) -> ListingCard:
        return cls(
            id=listing.id,
            title=listing.title,
            category=listing.category,
            price_minor=listing.price_minor,
            currency=listing.currency,
            image_key=listing.image_key,
            seller=seller,
        )


class ListingPage(BaseModel):
    listing: ListingCard
    related: list[ListingCard]


class FeedPage(BaseModel):
    items: list[ListingCard]
    next_cursor: int | None


class SearchResult(BaseModel):
    listing_id: int
    seller_id: int
    score: float


class CartLineIn(BaseModel):
    listing_id: int
    quantity: int = Field(ge=0, le=100)


class QuoteOut(BaseModel):
    quote_id: str
    currency: str
    subtotal_minor: int
    tax_minor: int
    fee_minor: int
    total_minor: int


class ConfirmIn(BaseModel):
    quote_id: str
    payment_id: str


class BuyNowIn(BaseModel):
    listing_id: int
    quantity: int = Field(gt=0, le=20)
    payment_id: str


class ReserveIn(BaseModel):
    listing_id: int
    quantity: int = Field(gt=0, le=20)


class OrderOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    status: str
    currency: str
    total_minor: int
    created_at: datetime


class ItemView(BaseModel):
    listing_id: int
    title: str
    quantity: int
    unit_price_minor: int


class OrderView(BaseModel):
    id: int
    status: str
    total_minor: int
    currency: str
    created_at: datetime
    items: list[ItemView]


class SaleView(BaseModel):
    order_id: int
    listing_id: int
    title: str
    quantity: int
    amount_minor: int
    created_at: datetime


class RefundIn(BaseModel):
    quantity: int = Field(gt=0)


class PayoutRequest(BaseModel):
    amount_minor: int = Field(gt=0)
    currency: str = Field(min_length=3, max_length=3)


class PayoutOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    amount_minor: int
    currency: str
    status: str
    requested_at: datetime | None = None


class FeeOverride(BaseModel):
    bps: int = Field(ge=0, le=3000)


class WalletTransfer(BaseModel):
    from_seller_id: int
    to_seller_id: int
    amount_minor: int = Field(gt=0)
    currency: str
    reason: str


class ProviderEvent(BaseModel):
    id: str
    type: str
    created: int
    data: dict[str, Any]


class StatementOut(BaseModel):
    seller_id: int
    period: str
    totals: dict[str, int]
    lines: list[dict[str, Any]]
