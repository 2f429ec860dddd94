from __future__ import annotations

from decimal import Decimal

from pydantic import BaseModel, Field


class CartAdd(BaseModel):
    item_id: int
    quantity: int = Field(ge=1, le=50)


class PlaceOrder(BaseModel):
    address: str = Field(min_length=5, max_length=300)
    payment_token: str
    promo_code: str | None = None


class OrderOut(BaseModel):
    id: int
    status: str
    total: Decimal


class CourierRegister(BaseModel):
    name: str
    phone: str
    password: str = Field(min_length=10)
    zone: str


class CourierLogin(BaseModel):
    phone: str
    password: str


class OtpRequest(BaseModel):
    phone: str


class SurgeUpdate(BaseModel):
    zone: str
    multiplier: float


class PriceUpdate(BaseModel):
    price: Decimal = Field(gt=0)


class PromoCreate(BaseModel):
    code: str = Field(min_length=4, max_length=40)
    percent_off: int = Field(ge=1, le=100)
    max_redemptions: int = Field(ge=1)


class CourierOut(BaseModel):
    id: int
    name: str
    status: str
    zone: str
