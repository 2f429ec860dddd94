from __future__ import annotations

import logging
import uuid

import httpx
from sqlalchemy import select
from sqlalchemy.ext.asyncio import async_sessionmaker

from ..clients.factoring import FactoringClient, FactoringRejected
from ..errors import Conflict, NotFound, UpstreamUnavailable
from ..models import Carrier, Invoice, InvoiceStatus

log = logging.getLogger(__name__)


class FactoringService:
    """Submits carrier invoices to the factoring partner for QuickPay advances."""

    def __init__(self, session_factory: async_sessionmaker, client: FactoringClient) -> None:
        self._sessions = session_factory
        self._client = client

    async def submit(self, invoice_id: uuid.UUID, documents: list[str]) -> str:
        async with self._sessions() as session, session.begin():
            invoice = await session.scalar(select(Invoice).where(Invoice.id == invoice_id).with_for_update())
            if invoice is None:
                raise NotFound("invoice not found")
            if invoice.status in (InvoiceStatus.FACTORED, InvoiceStatus.PAID):
                return invoice.factoring_ref or ""
            carrier = await session.get(Carrier, invoice.carrier_id)
            if carrier is None or not carrier.factoring_account_id:
                raise Conflict("carrier has no factoring account")
            try:
                advance = await self._client.submit_invoice(
                    carrier.factoring_account_id, invoice.number, invoice.carrier_pay_cents, documents
                )
            except FactoringRejected as exc:
                invoice.status = InvoiceStatus.PAYOUT_FAILED
                invoice.extra = {**invoice.extra, "factoring_rejection": exc.reason}
                return ""
            except httpx.HTTPError as exc:
                raise UpstreamUnavailable("factoring partner unavailable") from exc
            invoice.status = InvoiceStatus.FACTORED
            invoice.factoring_ref = advance.reference
            invoice.extra = {**invoice.extra, "advance_cents": advance.advance_cents, "fee_cents": advance.fee_cents}
        log.info("invoice factored", extra={"invoice_id": str(invoice_id), "ref": advance.reference})
        return advance.reference

    async def refresh_status(self, invoice: Invoice) -> InvoiceStatus:
        if not invoice.factoring_ref:
            return invoice.status
        status = await self._client.payout_status(invoice.factoring_ref)
        return InvoiceStatus.PAID if status == "funded" else invoice.status
