"""Services the app builds once, in its lifespan, through a container builder."""
from __future__ import annotations

import uuid
from dataclasses import dataclass


@dataclass
class Offer:
    id: uuid.UUID
    sku: str
    price: int


class OfferService:
    def __init__(self) -> None:
        self._issued: dict[uuid.UUID, Offer] = {}  # expect: unbounded-cache

    async def issue(self, sku: str, price: int) -> Offer:
        offer = Offer(uuid.uuid4(), sku, price)
        self._issued[offer.id] = offer
        return offer

    async def redeem(self, offer_id: uuid.UUID) -> Offer | None:
        return self._issued.get(offer_id)


class DraftService:
    """The same store, on an object each request builds for itself: it lives for one request."""

    def __init__(self) -> None:
        self._issued: dict[uuid.UUID, Offer] = {}

    async def issue(self, sku: str, price: int) -> Offer:
        offer = Offer(uuid.uuid4(), sku, price)
        self._issued[offer.id] = offer
        return offer

    async def redeem(self, offer_id: uuid.UUID) -> Offer | None:
        return self._issued.get(offer_id)


@dataclass
class Container:
    offers: OfferService


def build_container() -> Container:
    offers = OfferService()
    return Container(offers=offers)


def build_drafts() -> DraftService:
    drafts = DraftService()
    return drafts
