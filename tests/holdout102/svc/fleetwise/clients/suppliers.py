"""Bunker supplier quote endpoints (one URL per supplier, configured)."""
from __future__ import annotations

import logging
from dataclasses import dataclass
from decimal import Decimal

import httpx

log = logging.getLogger(__name__)


@dataclass
class Quote:
    supplier_id: int
    price_usd_t: Decimal
    valid_hours: int


async def fetch_quote(url: str, supplier_id: int, port_code: str, grade: str, quantity_t: Decimal) -> Quote | None:
    async with httpx.AsyncClient() as client:
        resp = await client.post(url, json={"port": port_code, "grade": grade, "qty": str(quantity_t)})
    if resp.status_code == 204:
        return None
    resp.raise_for_status()
    body = resp.json()
    return Quote(supplier_id, Decimal(str(body["price"])), int(body.get("valid_hours", 24)))
