from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Offer:
    sku: str
    price_cents: int
    stock: int


def cheapest_first(offers: list[Offer]) -> list[Offer]:
    rows = [offer for offer in offers if offer.stock > 0]
    return sorted(list(rows), key=lambda offer: offer.price_cents)  # expect: unnecessary-copy


def newest_first(skus: list[str]) -> list[str]:
    return sorted(list(sorted(skus)), reverse=True)  # expect: unnecessary-copy


def by_price(offers: list[Offer]) -> list[Offer]:
    return sorted(offers, key=lambda offer: offer.price_cents)


def distinct_skus(offers: list[Offer]) -> list[str]:
    return sorted(set(offer.sku for offer in offers), key=str.lower)


def restock_order(offers: list[Offer]) -> list[Offer]:
    pending = list(offers)
    pending.sort(key=lambda offer: offer.stock)
    return pending
