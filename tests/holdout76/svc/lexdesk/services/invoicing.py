"""Invoice generation, PDF rendering and delivery."""
from __future__ import annotations

import asyncio
import logging
from datetime import date, timedelta

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from lexdesk.clients.storage import VaultStorage
from lexdesk.errors import NothingToBill, NotFound
from lexdesk.infra.locks import KeyedLocks
from lexdesk.infra.redis import JsonCache
from lexdesk.models import Invoice, InvoiceLine
from lexdesk.repositories.billing import BillingRepository
from lexdesk.repositories.matters import ClientRepository, MatterRepository
from lexdesk.services.billing import BillingService, price_entries
from lexdesk.settings import Settings
from lexdesk.utils.pdf import html_to_pdf, render_invoice_html
from lexdesk.utils.text import truncate

log = logging.getLogger(__name__)


class InvoiceService:
    def __init__(
        self, settings: Settings, sessions: async_sessionmaker[AsyncSession], locks: KeyedLocks,
        billing: BillingService, storage: VaultStorage, cache: JsonCache,
    ) -> None:
        self._settings = settings
        self._sessions = sessions
        self._locks = locks
        self._billing = billing
        self._storage = storage
        self._cache = cache

    async def _next_number(self, repo: BillingRepository, firm_id: int) -> int:
        last = await repo.max_invoice_number(firm_id)
        return (last or 0) + 1

    async def generate_for_client(self, firm_id: int, client_id: int, period_end: date) -> Invoice:
        async with self._locks.client_ledger(client_id):
            async with self._sessions() as session, session.begin():
                billing_repo = BillingRepository(session)
                matters = await MatterRepository(session).open_for_client(client_id)
                rates = await billing_repo.rates_for_firm(firm_id)
                invoice = Invoice(
                    firm_id=firm_id, client_id=client_id, number=await self._next_number(billing_repo, firm_id),
                    status="draft", issued_on=period_end,
                    due_on=period_end + timedelta(days=self._settings.invoice_payment_terms_days),
                )
                session.add(invoice)
                await session.flush()

                subtotal = 0
                for matter in matters:
                    entries = await billing_repo.unbilled_for_matter(matter.id, period_end)
                    if not entries:
                        continue
                    for entry, amount in price_entries(entries, rates):
                        session.add(
                            InvoiceLine(
                                invoice_id=invoice.id, matter_id=matter.id, time_entry_id=entry.id,
                                description=f"{entry.work_date:%m/%d} {truncate(entry.narrative, 400)}",
                                amount_cents=amount,
                            )
                        )
                        subtotal += amount
                    await self._billing.lock_entries_for_invoice(session, matter.id, [e.id for e in entries], invoice.id)

                if subtotal == 0:
                    raise NothingToBill(client_id)
                invoice.subtotal_cents = subtotal
                invoice.tax_cents = subtotal * self._settings.tax_rate_bps // 10_000
                invoice.total_cents = invoice.subtotal_cents + invoice.tax_cents
            await self._cache.delete(f"wip:{client_id}")

        log.info("invoice generated", extra={"invoice_id": invoice.id, "client_id": client_id, "total": invoice.total_cents})
        return invoice

    async def _render_html(self, session: AsyncSession, invoice: Invoice) -> str:
        client = await ClientRepository(session).get(invoice.client_id)
        matters = await MatterRepository(session).get_many([line.matter_id for line in invoice.lines])
        header = {
            "number": invoice.number,
            "client": client.name if client else "",
            "issued_on": invoice.issued_on,
            "due_on": invoice.due_on,
            "total_cents": invoice.total_cents,
        }
        lines = [
            {"matter": matters[line.matter_id].number, "description": line.description, "amount_cents": line.amount_cents}
            for line in invoice.lines
        ]
        return render_invoice_html(header, lines)

    async def preview_pdf(self, firm_id: int, invoice_id: int) -> bytes:
        async with self._sessions() as session:
            invoice = await BillingRepository(session).get_invoice(invoice_id)
            if invoice is None or invoice.firm_id != firm_id:
                raise NotFound("invoice", invoice_id)
            document_html = await self._render_html(session, invoice)
        return html_to_pdf(document_html)

    async def archive_pdf(self, invoice_id: int) -> str:
        async with self._sessions() as session, session.begin():
            invoice = await BillingRepository(session).get_invoice(invoice_id)
            if invoice is None:
                raise NotFound("invoice", invoice_id)
            document_html = await self._render_html(session, invoice)
            pdf = await asyncio.to_thread(html_to_pdf, document_html)
            key = await asyncio.to_thread(
                self._storage.put_bytes, invoice.firm_id, 0, f"invoice-{invoice.number}.pdf", pdf
            )
            invoice.pdf_key = key
        return key
