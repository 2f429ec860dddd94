from __future__ import annotations

import math
import uuid
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from ..db.models import Plan
from ..repositories.usage import UsageRepository


@dataclass
class InvoiceLine:
    code: str
    description: str
    quantity: int
    unit_amount_cents: int

    @property
    def amount_cents(self) -> int:
        return self.quantity * self.unit_amount_cents

    def as_provider_line(self, currency: str) -> dict:
        return {"description": self.description, "quantity": self.quantity,
                "unit_amount": self.unit_amount_cents, "currency": currency.lower(), "metadata": {"code": self.code}}


def prorated_fee(plan: Plan, start: datetime, end: datetime, active_from: datetime) -> int:
    """Monthly fee scaled by the share of the period the subscription was active."""
    if active_from <= start:
        return plan.monthly_fee_cents
    period_days = (end - start) / timedelta(days=1)
    active_days = (end - active_from) / timedelta(days=1)
    return int(round(plan.monthly_fee_cents * max(0.0, active_days) / period_days))


class UsageAggregator:
    async def lines_for(self, session: AsyncSession, tenant_id: uuid.UUID, plan: Plan, start: datetime,
                        end: datetime, active_from: datetime) -> list[InvoiceLine]:
        used = await UsageRepository(session).total_requests(tenant_id, start, end)
        lines = [InvoiceLine("base", f"{plan.name} plan", 1, prorated_fee(plan, start, end, active_from))]
        overage = max(0, plan.included_requests - used)
        if overage and plan.overage_per_1k_cents:
            blocks = math.ceil(overage / 1000)
            lines.append(InvoiceLine("overage", f"{overage:,} requests over plan allowance",
                                     blocks, plan.overage_per_1k_cents))
        return lines


def convert_lines(lines: list[InvoiceLine], rate: float) -> list[InvoiceLine]:
    return [InvoiceLine(l.code, l.description, l.quantity, int(round(l.unit_amount_cents * rate))) for l in lines]
