"""Rates metered usage against the tenant's plan."""
from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime

from svc.clients.tax import TaxClient, TaxQuote
from svc.db.usage_repo import UsageRepository
from svc.services.catalogue import PlanCatalogue, PriceOverride, tiered_price

logger = logging.getLogger(__name__)


@dataclass(slots=True)
class RatedLine:
    meter: str
    quantity: float
    unit_price_micros: int
    amount_cents: int


@dataclass(slots=True)
class RatedPeriod:
    tenant_id: int
    currency: str
    lines: list[RatedLine]
    subtotal_cents: int
    tax: TaxQuote | None = None


class RatingEngine:
    def __init__(self, catalogue: PlanCatalogue, usage: UsageRepository, tax: TaxClient) -> None:
        self._catalogue = catalogue
        self._usage = usage
        self._tax = tax

    async def rate(self, tenant_id: int, start: datetime, end: datetime, promo: dict[str, PriceOverride] | None = None) -> RatedPeriod:
        plan = self._catalogue.plan(await self._catalogue.plan_code_for(tenant_id))
        prices = await self._catalogue.overrides_for(tenant_id)
        if promo:
            prices.update(promo)
        totals = await self._usage.totals_for_period(tenant_id, start, end)
        lines: list[RatedLine] = []
        for row in totals:
            meter, quantity = row["meter"], float(row["total"])
            override = prices.get(meter)
            if override is not None:
                unit = int(override.unit_price_micros * (1 - override.discount_pct))
            else:
                unit = tiered_price(plan.tiers[meter], quantity)
            amount = int(round(quantity * unit / 10_000))
            lines.append(RatedLine(meter=meter, quantity=quantity, unit_price_micros=unit, amount_cents=amount))
        return RatedPeriod(
            tenant_id=tenant_id,
            currency=plan.currency,
            lines=lines,
            subtotal_cents=sum(line.amount_cents for line in lines),
        )

    async def apply_tax(self, period: RatedPeriod, country: str) -> RatedPeriod:
        payload = [{"meter": line.meter, "amount": line.amount_cents} for line in period.lines]
        period.tax = await self._tax.quote(country, payload)
        return period

    async def line_taxes(self, period: RatedPeriod, country: str) -> dict[str, int]:
        breakdown: dict[str, int] = {}
        for line in period.lines:
            quote = await self._tax.quote(country, [{"meter": line.meter, "amount": line.amount_cents}])
            breakdown[line.meter] = quote.tax_cents
        return breakdown

    async def estimate_total(self, tenant_id: int, start: datetime, end: datetime, country: str) -> dict[str, int]:
        period = await self.rate(tenant_id, start, end)
        quote = await self._tax.estimate(country, period.subtotal_cents)
        return {"subtotal_cents": period.subtotal_cents, "tax_cents": quote.tax_cents}

    async def preview_meter(self, tenant_id: int, meter: str, start: datetime, end: datetime) -> float:
        totals = await self._usage.totals_for_period(tenant_id, start=start, end=end, meter=meter)
        return float(totals[0]["total"]) if totals else 0.0

    def credit_note_amount(self, amount_cents: int, pct: float) -> int:
        return int((Decimal(amount_cents) * Decimal(str(pct))).to_integral_value())
