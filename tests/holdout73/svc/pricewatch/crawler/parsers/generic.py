"""Fallback parser: JSON-LD / OpenGraph product metadata, then meta tags."""
from __future__ import annotations

import json
from decimal import Decimal

from bs4 import BeautifulSoup

from pricewatch.crawler.parsers import ParsedPage, Parser, register


def _offer_from_jsonld(data) -> dict | None:
    if isinstance(data, list):
        for item in data:
            offer = _offer_from_jsonld(item)
            if offer:
                return offer
        return None
    if not isinstance(data, dict):
        return None
    if data.get("@type") in ("Product", ["Product"]):
        offers = data.get("offers") or {}
        if isinstance(offers, list):
            offers = offers[0] if offers else {}
        return {"name": data.get("name"), "image": data.get("image"), **offers}
    if "@graph" in data:
        return _offer_from_jsonld(data["@graph"])
    return None


@register("generic")
class GenericParser(Parser):
    async def parse(self, html: str, url: str) -> ParsedPage:
        soup = BeautifulSoup(html, "lxml")
        offer = None
        for script in soup.find_all("script", type="application/ld+json"):
            try:
                offer = _offer_from_jsonld(json.loads(script.string or ""))
            except:
                continue
            if offer:
                break

        price = None
        currency = "USD"
        title = None
        image = None
        in_stock = True
        if offer:
            title = offer.get("name")
            image = offer.get("image") if isinstance(offer.get("image"), str) else None
            currency = offer.get("priceCurrency") or currency
            in_stock = "OutOfStock" not in str(offer.get("availability", ""))
            raw = offer.get("price") or offer.get("lowPrice")
            if raw is not None:
                try:
                    price = Decimal(str(raw)).quantize(Decimal("0.01"))
                except (InvalidOperation, ValueError):
                    price = None
        if price is None:
            meta = soup.find("meta", property="product:price:amount")
            if meta and meta.get("content"):
                price = Decimal(meta["content"]).quantize(Decimal("0.01"))
        if title is None:
            og = soup.find("meta", property="og:title")
            title = og["content"] if og else (soup.title.string if soup.title else None)
        return ParsedPage(price=price, currency=currency, title=title, image_url=image, in_stock=in_stock)
