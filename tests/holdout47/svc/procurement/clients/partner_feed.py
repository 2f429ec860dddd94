from __future__ import annotations

import csv
import io
import logging
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

import requests

log = logging.getLogger(__name__)


@dataclass(slots=True)
class FeedRow:
    sku: str
    name: str
    description: str
    unit_price: Decimal
    currency: str
    unspsc_code: str | None


def download_feed(url: str) -> str:
    resp = requests.get(url, timeout=30)
    resp.raise_for_status()
    return resp.text


def parse_feed(text: str) -> list[FeedRow]:
    rows: list[FeedRow] = []
    for record in csv.DictReader(io.StringIO(text)):
        try:
            price = Decimal(record["unit_price"])
        except (InvalidOperation, KeyError):
            log.info("skipping row with bad price: %s", record.get("sku"))
            continue
        rows.append(
            FeedRow(
                sku=record["sku"].strip(),
                name=record["name"].strip(),
                description=(record.get("description") or "").strip(),
                unit_price=price,
                currency=record.get("currency", "EUR").upper(),
                unspsc_code=record.get("unspsc") or None,
            )
        )
    return rows
