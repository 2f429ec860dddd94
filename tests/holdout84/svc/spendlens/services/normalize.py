from __future__ import annotations

import functools
import hashlib
import io
from datetime import date
from decimal import Decimal, InvalidOperation
from types import MappingProxyType

import pandas as pd

from ..errors import IngestError

# Column names differ per provider export format; map them onto ours.
PROVIDER_COLUMNS = MappingProxyType(
    {
        "aws": MappingProxyType(
            {
                "day": "lineItem/UsageStartDate",
                "service": "product/ProductName",
                "sku": "lineItem/UsageType",
                "resource": "lineItem/ResourceId",
                "region": "product/region",
                "cost": "lineItem/UnblendedCost",
                "currency": "lineItem/CurrencyCode",
                "usage": "lineItem/UsageAmount",
            }
        ),
        "gcp": MappingProxyType(
            {
                "day": "usage_start_time",
                "service": "service.description",
                "sku": "sku.description",
                "resource": "resource.global_name",
                "region": "location.region",
                "cost": "cost",
                "currency": "currency",
                "usage": "usage.amount",
            }
        ),
        "azure": MappingProxyType(
            {
                "day": "Date",
                "service": "MeterCategory",
                "sku": "MeterName",
                "resource": "ResourceId",
                "region": "ResourceLocation",
                "cost": "CostInBillingCurrency",
                "currency": "BillingCurrency",
                "usage": "Quantity",
            }
        ),
    }
)

SKIPPED_SERVICES = frozenset({"Tax", "Refund", "Credit"})

_SKU_ALIASES: dict[str, str] = {}


def register_sku_alias(raw_sku: str, canonical: str) -> None:
    _SKU_ALIASES[raw_sku.strip().lower()] = canonical


def _line_hash(*parts: object) -> str:
    return hashlib.sha1("|".join(str(p) for p in parts).encode()).hexdigest()


class Normalizer:
    """Turns provider billing exports into cost_line_items rows."""

    @functools.lru_cache(maxsize=None)
    def canonical_sku(self, raw_sku: str) -> str:
        key = raw_sku.strip().lower()
        if key in _SKU_ALIASES:
            return _SKU_ALIASES[key]
        return key.replace(" ", "-")[:256]

    async def normalize_export(self, provider: str, tenant_id: int, account_id: int, raw: bytes, key: str) -> list[dict]:
        columns = PROVIDER_COLUMNS[provider]
        compression = "gzip" if key.endswith(".gz") else None
        try:
            frame = pd.read_csv(io.BytesIO(raw), compression=compression, usecols=list(columns.values()), dtype=str)
        except (ValueError, pd.errors.ParserError) as exc:
            raise IngestError(f"unreadable {provider} export {key}") from exc
        seen: list[str] = []
        rows: list[dict] = []
        for record in frame.fillna("").to_dict("records"):
            if record[columns["service"]] in SKIPPED_SERVICES:
                continue
            try:
                cost = Decimal(record[columns["cost"]])
                usage_date = date.fromisoformat(record[columns["day"]][:10])
            except (ValueError, KeyError, InvalidOperation):
                continue
            line_hash = _line_hash(usage_date, record[columns["sku"]], record[columns["resource"]], cost)
            if line_hash in seen:
                continue
            seen.append(line_hash)
            rows.append(
                {
                    "tenant_id": tenant_id,
                    "account_id": account_id,
                    "usage_date": usage_date,
                    "service": record[columns["service"]][:128],
                    "sku": self.canonical_sku(record[columns["sku"]]),
                    "resource_id": record[columns["resource"]][:512],
                    "region": record[columns["region"]] or "global",
                    "cost": cost,
                    "currency": record[columns["currency"]] or "USD",
                    "usage_amount": Decimal(record[columns["usage"]] or 0),
                    "line_hash": line_hash,
                }
            )
        return rows
