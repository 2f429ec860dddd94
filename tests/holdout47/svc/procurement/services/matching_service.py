from __future__ import annotations

import logging
from dataclasses import dataclass, field
from decimal import Decimal

from sqlalchemy.ext.asyncio import AsyncSession

from procurement.db.models import GoodsReceipt, Invoice, POStatus
from procurement.repositories import invoice_repo, po_repo
from procurement.services import fx_service
from procurement.utils.money import ZERO, within_tolerance

log = logging.getLogger(__name__)

PRICE_TOLERANCE = Decimal("0.02")


@dataclass
class MatchResult:
    invoice_id: int
    status: str
    issues: list[str] = field(default_factory=list)


async def match_invoice(session: AsyncSession, invoice_id: int) -> MatchResult:
    invoice = await invoice_repo.get(session, invoice_id)
    if invoice is None:
        raise LookupError(invoice_id)
    order = await po_repo.get_with_lines(session, invoice.po_id)
    if order is None or order.status in (POStatus.draft, POStatus.cancelled):
        return await _finish(session, invoice, "blocked", ["purchase order not active"])

    po_lines = {line.id: line for line in order.lines}
    issues: list[str] = []
    for inv_line in await invoice_repo.lines(session, invoice.id):
        po_line = po_lines.get(inv_line.po_line_id)
        if po_line is None:
            issues.append(f"invoice line references unknown PO line {inv_line.po_line_id}")
            continue
        received = await invoice_repo.received_quantity(session, inv_line.po_line_id)
        if inv_line.quantity > received:
            issues.append(f"line {po_line.sku}: invoiced {inv_line.quantity}, received {received}")
        if not within_tolerance(po_line.unit_price, inv_line.unit_price, PRICE_TOLERANCE):
            issues.append(f"line {po_line.sku}: price {inv_line.unit_price} vs ordered {po_line.unit_price}")

    invoice_total = invoice.amount
    if invoice.currency != order.currency:
        invoice_total = await fx_service.convert(invoice.amount, order.currency, order.currency)
    if not within_tolerance(order.total_amount, invoice_total, PRICE_TOLERANCE):
        issues.append(f"total {invoice_total} {order.currency} vs ordered {order.total_amount}")

    return await _finish(session, invoice, "matched" if not issues else "exception", issues)


async def receipt_coverage(session: AsyncSession, po_id: int) -> dict[int, Decimal]:
    """Fraction received per PO line, for the receipts screen."""
    order = await po_repo.get_with_lines(session, po_id)
    if order is None:
        return {}
    received = await invoice_repo.received_by_line(session, po_id)
    coverage: dict[int, Decimal] = {}
    for line in order.lines:
        got = Decimal(received.get(line.id, ZERO))
        coverage[line.id] = (got / line.quantity) if line.quantity else ZERO
    return coverage


async def rematch_po(session: AsyncSession, po_id: int) -> list[MatchResult]:
    results = []
    for invoice in await invoice_repo.unmatched(session):
        if invoice.po_id == po_id:
            results.append(await match_invoice(session, invoice.id))
    return results


async def _finish(session: AsyncSession, invoice: Invoice, status: str, issues: list[str]) -> MatchResult:
    invoice.match_status = status
    invoice.payload = {**(invoice.payload or {}), "match_issues": issues}
    await session.commit()
    if issues:
        log.info("invoice %s match=%s issues=%d", invoice.id, status, len(issues))
    return MatchResult(invoice.id, status, issues)


class ReceiptError(Exception):
    pass


async def record_receipt(session: AsyncSession, po_id: int, po_line_id: int, quantity: Decimal) -> GoodsReceipt:
    if quantity <= 0:
        raise ReceiptError("quantity must be positive")
    order = await po_repo.get_with_lines(session, po_id)
    if order is None or order.status not in (POStatus.sent, POStatus.confirmed, POStatus.received):
        raise ReceiptError("purchase order is not open for receiving")
    line = next((l for l in order.lines if l.id == po_line_id), None)
    if line is None:
        raise ReceiptError("unknown PO line")
    already = Decimal(await invoice_repo.received_quantity(session, po_line_id))
    if already + quantity > line.quantity:
        raise ReceiptError(f"over-receipt: ordered {line.quantity}, already received {already}")
    receipt = GoodsReceipt(po_id=po_id, po_line_id=po_line_id, quantity_received=quantity)
    session.add(receipt)
    if already + quantity == line.quantity and _all_other_lines_done(order, po_line_id):
        order.status = POStatus.received
    await session.commit()
    return receipt


def _all_other_lines_done(order, po_line_id: int) -> bool:
    # Conservative: only single-line orders close automatically; multi-line orders close from the UI.
    return len(order.lines) == 1 and order.lines[0].id == po_line_id
