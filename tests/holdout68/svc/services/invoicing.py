from __future__ import annotations

import json
import logging
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Any

from redis.asyncio import Redis
from sqlalchemy.ext.asyncio import AsyncSession

from svc.db.models import Invoice
from svc.repositories import invoices_repo

if TYPE_CHECKING:
    from svc.clients.insurance_api import InsuranceClient

logger = logging.getLogger(__name__)

OWNER_INVOICES_TTL_S = 120


class UnknownPriceCode(ValueError):
    pass


class InvoicingService:
    def __init__(self, redis: Redis, insurance: InsuranceClient) -> None:
        self.redis = redis
        self.insurance = insurance

    async def build_invoice(
        self, session: AsyncSession, clinic_id: int, owner_id: int, appointment_id: int, items: list[tuple[str, int]]
    ) -> Invoice:
        invoice = Invoice(clinic_id=clinic_id, owner_id=owner_id, appointment_id=appointment_id, status="draft")
        session.add(invoice)
        await session.flush()
        total = 0
        for code, qty in items:
            price = await invoices_repo.get_price(session, code)
            if price is None:
                raise UnknownPriceCode(code)
            gross = int(Decimal(price.unit_cents) * (1 + Decimal(str(price.vat_rate))))
            await invoices_repo.add_line(session, invoice, code, price.description, qty, gross)
            total += gross * qty
        invoice.total_cents = total
        invoice.status = "awaiting_payment"
        invoice.issued_at = datetime.now(timezone.utc)
        await session.commit()
        await self.redis.delete(f"owner-invoices:{clinic_id}")
        return invoice

    async def estimate(self, session: AsyncSession, items: list[tuple[str, int]]) -> dict[str, Any]:
        prices = await invoices_repo.prices_for(session, [code for code, _ in items])
        missing = [code for code, _ in items if code not in prices]
        if missing:
            raise UnknownPriceCode(", ".join(missing))
        lines = [
            {"code": code, "qty": qty, "unit_cents": prices[code].unit_cents, "description": prices[code].description}
            for code, qty in items
        ]
        return {"lines": lines, "net_cents": sum(l["unit_cents"] * l["qty"] for l in lines)}

    async def owner_invoices(self, session: AsyncSession, clinic_id: int, owner_id: int) -> list[dict[str, Any]]:
        key = f"owner-invoices:{clinic_id}"
        cached = await self.redis.get(key)
        if cached:
            return json.loads(cached)
        rows = await invoices_repo.list_for_owner(session, owner_id)
        data = [
            {
                "id": inv.id,
                "total_cents": inv.total_cents,
                "status": inv.status,
                "issued_at": inv.issued_at.isoformat() if inv.issued_at else None,
            }
            for inv in rows
        ]
        await self.redis.set(key, json.dumps(data), ex=OWNER_INVOICES_TTL_S)
        return data

    async def insurance_estimate(self, policy_no: str, invoice: Invoice) -> dict[str, Any]:
        codes = [line.code for line in invoice.lines]
        return await self.insurance.check_eligibility(policy_no, invoice.total_cents, codes)
