from __future__ import annotations

import logging
from datetime import date

from fastapi import APIRouter, Depends, HTTPException, status
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from procurement.config import get_settings
from procurement.db.engine import get_session
from procurement.db.models import Invoice, InvoiceLine
from procurement.repositories import invoice_repo
from procurement.schemas import InvoiceIn
from procurement.security import supplier_from_api_key
from procurement.services import fx_service, matching_service

log = logging.getLogger(__name__)

router = APIRouter(prefix="/invoices", tags=["invoices"])


class DuplicateInvoice(Exception):
    pass


async def _store(session: AsyncSession, supplier_id: int, body: InvoiceIn) -> Invoice:
    if await invoice_repo.find_by_reference(session, body.supplier_invoice_ref):
        raise DuplicateInvoice(f"{supplier_id}/{body.supplier_invoice_ref}")
    invoice = Invoice(
        supplier_id=supplier_id,
        supplier_invoice_ref=body.supplier_invoice_ref,
        po_id=body.po_id,
        amount=body.amount,
        currency=body.currency.upper(),
        payload={"invoice_date": body.invoice_date.isoformat()},
    )
    session.add(invoice)
    await session.flush()
    session.add_all(
        InvoiceLine(invoice_id=invoice.id, po_line_id=l.po_line_id, quantity=l.quantity, unit_price=l.unit_price)
        for l in body.lines
    )
    try:
        await session.commit()
    except IntegrityError:
        await session.rollback()
        raise DuplicateInvoice(body.supplier_invoice_ref)
    return invoice


@router.post("", status_code=status.HTTP_201_CREATED)
async def submit_invoice(
    body: InvoiceIn,
    supplier_id: int = Depends(supplier_from_api_key),
    session: AsyncSession = Depends(get_session),
):
    try:
        invoice = await _store(session, supplier_id, body)
    except DuplicateInvoice:
        raise HTTPException(HTTPStatus.CONFLICT, "invoice already submitted")
    try:
        result = await matching_service.match_invoice(session, invoice.id)
    except Exception as exc:
        log.warning("matching failed for invoice %s: %s", invoice.id, exc)
        raise HTTPException(status.HTTP_400_BAD_REQUEST, "invoice could not be matched")
    return {"id": invoice.id, "match_status": result.status, "issues": result.issues}


@router.get("/{invoice_id}")
async def get_invoice(invoice_id: int, supplier_id: int = Depends(supplier_from_api_key), session: AsyncSession = Depends(get_session)):
    invoice = await invoice_repo.get(session, invoice_id)
    if invoice is None or invoice.supplier_id != supplier_id:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "invoice not found")
    base = get_settings().base_currency
    invoice_date = date.fromisoformat((invoice.payload or {}).get("invoice_date", date.today().isoformat()))
    amount_base = await fx_service.convert_on(invoice.amount, invoice.currency, base, invoice_date)
    return {
        "id": invoice.id,
        "match_status": invoice.match_status,
        "amount": str(invoice.amount),
        "currency": invoice.currency,
        "amount_base": str(amount_base),
        "base_currency": base,
    }


@router.get("")
async def list_invoices(
    supplier_id: int = Depends(supplier_from_api_key),
    match_status: str | None = None,
    limit: int = 50,
    session: AsyncSession = Depends(get_session),
):
    stmt = select(Invoice).where(Invoice.supplier_id == supplier_id)
    if match_status:
        stmt = stmt.where(Invoice.match_status == match_status)
    rows = await session.execute(stmt.order_by(Invoice.id.desc()).limit(min(limit, 200)))
    return [
        {"id": i.id, "ref": i.supplier_invoice_ref, "amount": str(i.amount), "currency": i.currency, "match_status": i.match_status}
        for i in rows.scalars()
    ]
