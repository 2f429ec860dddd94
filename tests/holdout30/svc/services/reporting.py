from __future__ import annotations

import uuid
from collections import Counter
from dataclasses import dataclass
from datetime import date

from sqlalchemy import case, func, select

from svc.config import Settings
from svc.db.engine import reporting_session
from svc.db.models import Customer, Invoice
from svc.services.fx import FxClient, quantize

AGING_BUCKETS = ((0, "current"), (30, "1-30"), (60, "31-60"), (90, "61-90"))


@dataclass(frozen=True, slots=True)
class AgingRow:
    customer_id: uuid.UUID
    customer_name: str
    currency: str
    buckets: dict[str, object]


def bucket_for(days_late: int) -> str:
    for limit, label in AGING_BUCKETS:
        if days_late <= limit:
            return label
    return "90+"


class ReportingService:
    """Dashboards for the finance team, served from the read replica."""

    def __init__(self, settings: Settings, fx_client: FxClient) -> None:
        self._settings = settings
        self._fx_client = fx_client

    async def aging(self, tenant_id: uuid.UUID, today: date) -> list[AgingRow]:
        days_late = func.greatest(func.current_date() - Invoice.due_date, 0)
        async with reporting_session(self._settings) as session:
            result = await session.execute(
                select(
                    Invoice.customer_id,
                    Customer.name,
                    Invoice.currency,
                    days_late.label("days_late"),
                    (Invoice.total - Invoice.amount_paid).label("open_amount"),
                )
                .join(Customer, Customer.id == Invoice.customer_id)
                .where(Invoice.tenant_id == tenant_id, Invoice.status.in_(("open", "overdue")))
            )
            rows = result.all()
        grouped: dict[tuple[uuid.UUID, str, str], Counter[str]] = {}
        for row in rows:
            key = (row.customer_id, row.name, row.currency)
            grouped.setdefault(key, Counter())[bucket_for(row.days_late)] += row.open_amount
        return [
            AgingRow(customer_id=cid, customer_name=name, currency=cur, buckets=dict(counts))
            for (cid, name, cur), counts in sorted(grouped.items(), key=lambda item: item[0][1])
        ]

    async def receivables_total(self, tenant_id: uuid.UUID) -> dict[str, object]:
        """Open receivables converted into the reporting currency at live rates."""
        target = self._settings.reporting_currency
        async with reporting_session(self._settings) as session:
            result = await session.execute(
                select(Invoice.currency, func.sum(Invoice.total - Invoice.amount_paid))
                .where(Invoice.tenant_id == tenant_id, Invoice.status.in_(("open", "overdue")))
                .group_by(Invoice.currency)
            )
            per_currency = dict(result.all())
        _, rates = await self._fx_client.fetch_latest(target)
        total = Decimal("0")
        for currency, amount in per_currency.items():
            total += amount if currency == target else amount / rates[currency]
        return {"currency": target, "total": quantize(total, target), "by_currency": per_currency}

    async def collection_rate(self, tenant_id: uuid.UUID, since: date) -> float:
        async with reporting_session(self._settings) as session:
            paid, issued = (
                await session.execute(
                    select(
                        func.count(case((Invoice.status == "paid", 1))),
                        func.count(Invoice.id),
                    ).where(Invoice.tenant_id == tenant_id, Invoice.issued_at >= since)
                )
            ).one()
        return paid / issued if issued else 1.0
