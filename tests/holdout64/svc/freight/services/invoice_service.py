from __future__ import annotations

import asyncio
import logging
import uuid
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import async_sessionmaker

from ..errors import Conflict, LoadNotFound
from ..models import Invoice, InvoiceStatus, LoadStatus
from ..repositories.carriers import CarrierRepository
from ..repositories.invoices import InvoiceRepository
from ..repositories.loads import LoadRepository
from ..utils.documents import dollars, render_pdf

log = logging.getLogger(__name__)

BROKER_MARGIN_FLOOR = 0.08


class InvoiceService:
    def __init__(self, session_factory: async_sessionmaker) -> None:
        self._sessions = session_factory

    async def create_for_load(self, load_id: uuid.UUID, amount_cents: int) -> Invoice:
        async with self._sessions() as session, session.begin():
            load = await LoadRepository(session).get_for_update(load_id)
            if load is None:
                raise LoadNotFound(load_id)
            if load.status is not LoadStatus.DELIVERED:
                raise Conflict("only delivered loads can be invoiced")
            carrier_pay = load.booked_rate_cents or 0
            if amount_cents < carrier_pay * (1 + BROKER_MARGIN_FLOOR):
                log.warning("thin margin", extra={"load_id": str(load_id), "amount": amount_cents, "pay": carrier_pay})
            invoices = InvoiceRepository(session)
            last = await invoices.max_number()
            next_number = (last or 0) + 1
            invoice = Invoice(
                number=next_number,
                load_id=load.id,
                shipper_id=load.shipper_id,
                carrier_id=load.carrier_id,
                amount_cents=amount_cents,
                carrier_pay_cents=carrier_pay,
                status=InvoiceStatus.READY,
            )
            invoices.add(invoice)
            load.status = LoadStatus.INVOICED
        return invoice

    async def create_accessorial(self, load_id: uuid.UUID, amount_cents: int, description: str) -> Invoice:
        async with self._sessions() as session, session.begin():
            load = await LoadRepository(session).get(load_id)
            invoices = InvoiceRepository(session)
            number = await invoices.next_number()
            invoice = Invoice(
                number=number,
                load_id=load.id,
                shipper_id=load.shipper_id,
                carrier_id=load.carrier_id,
                amount_cents=amount_cents,
                carrier_pay_cents=0,
                status=InvoiceStatus.READY,
                extra={"accessorial": description},
            )
            invoices.add(invoice)
        return invoice

    async def statement(self, shipper_id: uuid.UUID, since: datetime) -> dict:
        async with self._sessions() as session:
            invoices = await InvoiceRepository(session).list_for_shipper(shipper_id, since)
            carriers = CarrierRepository(session)
            lines = []
            for inv in invoices:
                carrier = await carriers.get(inv.carrier_id)
                lines.append(
                    {
                        "number": inv.number,
                        "amount": dollars(inv.amount_cents),
                        "carrier": carrier.legal_name if carrier else "unknown",
                        "status": inv.status.value,
                    }
                )
        return {"shipper_id": str(shipper_id), "since": since.isoformat(), "lines": lines,
                "total": dollars(sum(inv.amount_cents for inv in invoices))}

    async def carrier_remittance(self, carrier_id: uuid.UUID, invoice_ids: list[uuid.UUID]) -> list[dict]:
        async with self._sessions() as session:
            invoices = list(await session.scalars(select(Invoice).where(Invoice.id.in_(invoice_ids))))
            loads = await LoadRepository(session).get_many([inv.load_id for inv in invoices])
        return [
            {"invoice": inv.number, "load": loads[inv.load_id].reference, "pay": dollars(inv.carrier_pay_cents)}
            for inv in invoices
            if inv.carrier_id == carrier_id and inv.load_id in loads
        ]

    async def statement_pdf(self, shipper_id: uuid.UUID, since: datetime) -> bytes:
        data = await self.statement(shipper_id, since)
        rows = "".join(f"<tr><td>{l['number']}</td><td>{l['carrier']}</td><td>${l['amount']}</td></tr>" for l in data["lines"])
        html = f"<html><body><h1>Statement</h1><table>{rows}</table><p>Total ${data['total']}</p></body></html>"
        return await asyncio.to_thread(render_pdf, html)
