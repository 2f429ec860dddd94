"""Folio settlement and invoice issuing."""
from __future__ import annotations

import asyncio
import logging
import os
from decimal import Decimal
from html import escape

from sqlalchemy.ext.asyncio import AsyncSession

from svc.clients.fx import FxClient
from svc.clients.pdf import render_pdf
from svc.config import settings
from svc.db.models import FolioCharge, Hotel, Invoice, Reservation
from svc.repositories import folio as folio_repo
from svc.repositories import invoices as invoices_repo
from svc.repositories import reservations as reservations_repo
from svc.utils.money import q

logger = logging.getLogger(__name__)


class InvoiceError(Exception):
    pass


def render_html(hotel: Hotel, reservation: Reservation, charges: list[FolioCharge], number: int, fx: Decimal) -> str:
    rows = "".join(
        f"<tr><td>{c.posted_on:%d.%m.%Y}</td><td>{escape(c.description)}</td><td>{q(c.amount * fx)}</td></tr>"
        for c in charges
    )
    total = q(sum((c.amount for c in charges), Decimal(0)) * fx)
    return (
        f"<html><body><h1>{escape(hotel.name)} - Invoice {number}</h1>"
        f"<p>Reservation {reservation.confirmation_code}</p>"
        f"<table>{rows}</table><p>Total {total} {hotel.currency}</p></body></html>"
    )


class InvoicingService:
    def __init__(self, fx: FxClient) -> None:
        self._fx = fx

    def _out_path(self, number: int) -> str:
        return os.path.join(settings.invoice_dir, f"{number}.pdf")

    async def issue_invoice(self, session: AsyncSession, reservation_id: int) -> Invoice:
        reservation = await reservations_repo.get(session, reservation_id)
        if reservation is None:
            raise InvoiceError("reservation not found")
        hotel = await session.get(Hotel, reservation.hotel_id)
        charges = list(await folio_repo.charges_for(session, reservation.id))
        if not charges:
            raise InvoiceError("folio is empty")

        fx = await self._fx.rate(reservation.currency, hotel.currency)
        number = await invoices_repo.max_number(session) + 1
        html = render_html(hotel, reservation, charges, number, fx)
        path = render_pdf(html, self._out_path(number))

        invoice = Invoice(
            reservation_id=reservation.id,
            number=number,
            status="pending",
            total=q(sum((c.amount for c in charges), Decimal(0)) * fx),
            currency=hotel.currency,
            pdf_path=path,
        )
        await invoices_repo.add(session, invoice)
        await session.commit()
        logger.info("invoice %s issued for reservation %s", number, reservation.id)
        return invoice

    async def issue_proforma(self, session: AsyncSession, reservation_id: int) -> str:
        reservation = await reservations_repo.get(session, reservation_id)
        if reservation is None:
            raise InvoiceError("reservation not found")
        hotel = await session.get(Hotel, reservation.hotel_id)
        charges = list(await folio_repo.charges_for(session, reservation.id))
        number = await invoices_repo.next_number(session)
        html = render_html(hotel, reservation, charges, number, Decimal(1))
        return await asyncio.to_thread(render_pdf, html, self._out_path(number))
