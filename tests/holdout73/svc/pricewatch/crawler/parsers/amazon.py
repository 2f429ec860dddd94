from __future__ import annotations

import asyncio

from selectolax.parser import HTMLParser

from pricewatch.crawler.parsers import ParsedPage, Parser, register
from pricewatch.services.errors import PriceParseError
from pricewatch.services.price_parser import detect_currency, parse_price

PRICE_SELECTORS = (
    "#corePrice_feature_div .a-offscreen",
    "#priceblock_dealprice",
    "#priceblock_ourprice",
    ".a-price .a-offscreen",
)


@register("amazon")
class AmazonParser(Parser):
    def _parse_sync(self, html: str) -> ParsedPage:
        tree = HTMLParser(html)
        title_node = tree.css_first("#productTitle")
        image_node = tree.css_first("#landingImage")
        availability = tree.css_first("#availability")
        raw_price = None
        for selector in PRICE_SELECTORS:
            node = tree.css_first(selector)
            if node and node.text(strip=True):
                raw_price = node.text(strip=True)
                break
        try:
            price = parse_price(raw_price) if raw_price else None
        except PriceParseError:
            price = None
        in_stock = not (availability and "unavailable" in availability.text().lower())
        return ParsedPage(
            price=price,
            currency=detect_currency(raw_price or ""),
            title=title_node.text(strip=True) if title_node else None,
            image_url=image_node.attributes.get("src") if image_node else None,
            in_stock=in_stock,
        )

    async def parse(self, html: str, url: str) -> ParsedPage:
        return await asyncio.to_thread(self._parse_sync, html)
