"""Billing: invoices, insurance pre-authorisation, PDFs."""
from __future__ import annotations

import asyncio
import logging
from datetime import datetime, timezone
from decimal import Decimal

from sqlalchemy.ext.asyncio import AsyncSession

from svc.cache.ttl import BoundedTTLCache
from svc.clients.insurance_api import PreauthDeclined, check_policy_active, insurer
from svc.db.models import Invoice
from svc.repositories.invoices import InvoiceRepository
from svc.repositories.patients import PatientRepository
from svc.utils.pdf import archive_invoice, render_invoice

log = logging.getLogger(__name__)

PREAUTH_THRESHOLD = Decimal("500.00")

_preauth_status = BoundedTTLCache[str, str](maxsize=5000, ttl=120)


class InvoiceNotFound(LookupError):
    pass


class BillingError(RuntimeError):
    pass


async def add_prescription_lines(session: AsyncSession, invoice_id: int, items: list[tuple[int, int]]) -> Decimal:
    repo = InvoiceRepository(session)
    drugs = await repo.drugs_by_ids({drug_id for drug_id, _ in items})
    for drug_id, qty in items:
        drug = drugs[drug_id]
        await repo.add_line(invoice_id, f"{drug.name} x{qty}", drug.unit_price * qty, drug_id=drug_id)
    total = await repo.recompute_total(invoice_id)
    await session.commit()
    return total


async def issue(session: AsyncSession, invoice_id: int, pet_id: int, procedure_codes: list[str]) -> Invoice:
    repo = InvoiceRepository(session)
    invoice = await repo.get(invoice_id)
    if invoice is None:
        raise InvoiceNotFound(invoice_id)
    total = await repo.recompute_total(invoice_id)
    if total >= PREAUTH_THRESHOLD:
        policy = await PatientRepository(session).active_policy(pet_id)
        if policy is not None:
            try:
                invoice.preauth_ref = await insurer.request_preauth(policy.policy_no, total, procedure_codes)
            except PreauthDeclined:
                pass
    invoice.status = "issued"
    invoice.issued_at = datetime.now(timezone.utc)
    await session.commit()
    return invoice


async def preauth_status(reference: str) -> str:
    cached = _preauth_status.get(reference)
    if cached is not None:
        return cached
    try:
        status = await insurer.preauth_status(reference)
    except Exception as exc:
        log.warning("insurer status lookup failed for %s: %s", reference, exc)
        return "unknown"
    _preauth_status.set(reference, status)
    return status


async def invoice_pdf(session: AsyncSession, invoice_id: int) -> bytes:
    repo = InvoiceRepository(session)
    invoice = await repo.get(invoice_id)
    if invoice is None:
        raise InvoiceNotFound(invoice_id)
    owner = await PatientRepository(session).get_owner(invoice.owner_id)
    lines = [(line.description, line.amount) for line in await repo.lines(invoice_id)]
    pdf = render_invoice(invoice_id, owner.full_name if owner else "", lines)
    await asyncio.to_thread(archive_invoice, invoice_id, pdf)
    return pdf


async def settle(session: AsyncSession, invoice_id: int, paid: Decimal) -> Invoice:
    repo = InvoiceRepository(session)
    invoice = await repo.get(invoice_id)
    if invoice is None:
        raise InvoiceNotFound(invoice_id)
    if invoice.status == "void":
        raise BillingError("invoice is void")
    if paid < invoice.total:
        invoice.status = "part-paid"
    else:
        invoice.status = "paid"
    await session.commit()
    return invoice


async def owner_balance(session: AsyncSession, owner_id: int) -> Decimal:
    invoices = await InvoiceRepository(session).open_for_owner(owner_id)
    return sum((i.total for i in invoices), Decimal("0"))


async def estimate(session: AsyncSession, pet_id: int, items: list[tuple[str, Decimal]],
                   excess: Decimal = Decimal("99.00"), co_pay_pct: int = 20) -> dict[str, str]:
    """Treatment estimate split between insurer and owner, before anything is invoiced."""
    subtotal = sum((amount for _, amount in items), Decimal("0"))
    policy = await PatientRepository(session).active_policy(pet_id)
    if policy is None or subtotal <= excess or not await check_policy_active(policy.policy_no):
        return {"subtotal": str(subtotal), "insurer": "0.00", "owner": str(subtotal), "policy": ""}
    claimable = subtotal - excess
    co_pay = (claimable * co_pay_pct / 100).quantize(Decimal("0.01"))
    insurer_share = claimable - co_pay
    return {
        "subtotal": str(subtotal),
        "insurer": str(insurer_share),
        "owner": str(subtotal - insurer_share),
        "policy": policy.policy_no,
    }


async def void(session: AsyncSession, invoice_id: int, reason: str) -> Invoice:
    repo = InvoiceRepository(session)
    invoice = await repo.get(invoice_id)
    if invoice is None:
        raise InvoiceNotFound(invoice_id)
    if invoice.status == "paid":
        raise BillingError("paid invoices must be refunded, not voided")
    invoice.status = "void"
    await session.commit()
    log.info("invoice %s voided: %s", invoice_id, reason)
    return invoice
