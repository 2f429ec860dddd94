"""Card payments for invoices and reconciliation against the provider's ledger."""
from __future__ import annotations

import logging
import time
from datetime import datetime, timedelta, timezone
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from svc.clients.payment_provider import PaymentProviderClient
from svc.db.models import Invoice
from svc.repositories import invoices_repo

logger = logging.getLogger(__name__)


class InvoiceNotPayable(Exception):
    pass


class PaymentService:
    def __init__(self, provider: PaymentProviderClient) -> None:
        self.provider = provider

    async def start_payment(self, session: AsyncSession, invoice_id: int) -> dict[str, Any]:
        invoice = await invoices_repo.get_invoice(session, invoice_id)
        if invoice is None or invoice.status != "awaiting_payment":
            raise InvoiceNotPayable(invoice_id)
        intent = await self.provider.create_payment_intent(
            invoice.id, invoice.total_cents, "gbp", idempotency_key=f"invoice-{invoice.id}-v1"
        )
        invoice.provider_ref = intent["id"]
        await session.commit()
        return {"client_secret": intent["client_secret"], "amount": invoice.total_cents}

    async def apply_event(self, session: AsyncSession, event: dict[str, Any]) -> None:
        kind = event.get("type")
        obj = event.get("data", {}).get("object", {})
        if kind not in ("payment_intent.succeeded", "payment_intent.payment_failed"):
            return
        try:
            invoice_id = int(obj["metadata"]["invoice_id"])
        except KeyError:
            return
        if await invoices_repo.payment_by_ref(session, obj["id"]) is not None:
            return
        invoice = await invoices_repo.get_invoice(session, invoice_id)
        if invoice is None:
            logger.warning("payment event for unknown invoice", extra={"invoice_id": invoice_id, "ref": obj["id"]})
            return
        status = "succeeded" if kind == "payment_intent.succeeded" else "failed"
        await invoices_repo.record_payment(session, invoice, obj["id"], obj["amount"], status)
        if status == "succeeded":
            invoice.status = "paid"
            invoice.paid_at = datetime.now(timezone.utc)
        await session.commit()

    async def reconcile(self, session: AsyncSession, clinic_id: int, days: int = 3) -> dict[str, int]:
        since = datetime.now(timezone.utc) - timedelta(days=days)
        settled = await self.provider.list_settled(int(since.timestamp()))
        invoices = await invoices_repo.awaiting_settlement(session, clinic_id, since)
        matched = 0
        for intent in settled:
            invoice = next((inv for inv in invoices if inv.provider_ref == intent["id"]), None)
            if invoice is None or intent["status"] != "succeeded":
                continue
            invoice.status = "paid"
            invoice.paid_at = datetime.fromtimestamp(intent["created"], timezone.utc)
            matched += 1
        still_open = [inv for inv in invoices if inv.status == "awaiting_payment" and inv.provider_ref]
        for inv in still_open:
            status = await self.provider.get_payment_status(inv.provider_ref)
            if status == "canceled":
                inv.status = "awaiting_payment"
                inv.provider_ref = None
        await session.commit()
        return {"matched": matched, "checked": len(still_open)}

    async def refund_many(self, session: AsyncSession, refunds: list[dict[str, Any]]) -> list[str]:
        invoice_ids = {r["invoice_id"] for r in refunds}
        rows = (await session.execute(select(Invoice).where(Invoice.id.in_(invoice_ids)))).scalars()
        invoices: dict[int, Invoice] = {inv.id: inv for inv in rows}
        done: list[str] = []
        stamp = int(time.time())
        for r in refunds:
            inv = invoices.get(r["invoice_id"])
            if inv is None or not inv.provider_ref:
                continue
            result = await self.provider.refund(inv.provider_ref, r["amount_cents"], f"refund-{inv.id}-{stamp}")
            done.append(result["id"])
        return done
