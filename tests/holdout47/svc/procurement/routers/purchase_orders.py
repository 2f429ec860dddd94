from __future__ import annotations

import asyncio
import csv
import io
import logging

from fastapi import APIRouter, Depends, HTTPException, Request, status
from fastapi.responses import Response
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from procurement.clients.supplier_api import SupplierGateway
from procurement.db.engine import get_session
from procurement.db.models import POStatus, PurchaseOrder
from procurement.repositories import po_repo
from procurement.schemas import ReceiptIn
from procurement.security import Principal, gateway, require_role
from procurement.services import edi_service, matching_service, po_service

log = logging.getLogger(__name__)

router = APIRouter(prefix="/purchase-orders", tags=["purchase-orders"])


def _render_pdf(order) -> bytes:
    buffer = io.BytesIO()
    doc = canvas.Canvas(buffer, pagesize=A4)
    width, height = A4
    y = height - 60
    doc.setFont("Helvetica-Bold", 14)
    doc.drawString(40, y, f"Purchase Order {order.po_number}")
    doc.setFont("Helvetica", 10)
    y -= 30
    for line in order.lines:
        doc.drawString(40, y, f"{line.sku}")
        doc.drawRightString(width - 160, y, f"{line.quantity}")
        doc.drawRightString(width - 40, y, f"{line.unit_price} {order.currency}")
        y -= 16
        if y < 60:
            doc.showPage()
            doc.setFont("Helvetica", 10)
            y = height - 60
    doc.drawRightString(width - 40, y - 20, f"Total {order.total_amount} {order.currency}")
    doc.save()
    return buffer.getvalue()


@router.post("/{po_id}/send")
async def send_po(
    po_id: int,
    principal: Principal = Depends(require_role("buyer")),
    session: AsyncSession = Depends(get_session),
    gw: SupplierGateway = Depends(gateway),
):
    try:
        order = await po_service.send(session, gw, po_id)
    except po_service.POStateError as exc:
        raise HTTPException(status.HTTP_409_CONFLICT, str(exc)) from exc
    return {"po_number": order.po_number, "status": order.status.value}


@router.post("/{po_id}/cancel")
async def cancel_po(
    po_id: int,
    principal: Principal = Depends(require_role("buyer")),
    session: AsyncSession = Depends(get_session),
):
    try:
        await po_service.cancel(session, po_id, principal.user_id)
    except po_service.POStateError as exc:
        raise HTTPException(status.HTTP_409_CONFLICT, str(exc)) from exc
    return {"status": "cancelled"}


@router.get("/{po_id}/pdf")
async def po_pdf(
    po_id: int,
    principal: Principal = Depends(require_role("buyer")),
    session: AsyncSession = Depends(get_session),
):
    order = await po_repo.get_with_lines(session, po_id)
    if order is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "purchase order not found")
    document = await asyncio.to_thread(_render_pdf, order)
    return Response(document, media_type="application/pdf")


@router.get("/status/{po_number}")
async def po_status(po_number: str, session: AsyncSession = Depends(get_session)):
    current = await po_service.cached_status(session, po_number)
    if current is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "unknown purchase order")
    return {"po_number": po_number, "status": current}


@router.get("/reports/open.csv")
async def open_orders_report(
    principal: Principal = Depends(require_role("finance")),
    session: AsyncSession = Depends(get_session),
):
    orders = (await session.execute(select(PurchaseOrder).order_by(PurchaseOrder.created_at))).scalars().all()
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["po_number", "supplier_id", "status", "total", "currency"])
    for order in orders:
        if order.status in (POStatus.closed, POStatus.cancelled):
            continue
        writer.writerow([order.po_number, order.supplier_id, order.status.value, order.total_amount, order.currency])
    return Response(buffer.getvalue(), media_type="text/csv")


@router.post("/{po_id}/receipts", status_code=status.HTTP_201_CREATED)
async def post_receipt(
    po_id: int,
    body: ReceiptIn,
    principal: Principal = Depends(require_role("warehouse")),
    session: AsyncSession = Depends(get_session),
):
    try:
        receipt = await matching_service.record_receipt(session, po_id, body.po_line_id, body.quantity)
    except matching_service.ReceiptError as exc:
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_ENTITY, str(exc)) from exc
    log.info("goods receipt %s recorded for po %s by %s", receipt.id, po_id, principal.user_id)
    matching_service.rematch_po(session, po_id)
    return {"id": receipt.id}


@router.get("/{po_id}/receipts/coverage")
async def coverage(
    po_id: int,
    principal: Principal = Depends(require_role("warehouse")),
    session: AsyncSession = Depends(get_session),
):
    result = await matching_service.receipt_coverage(session, po_id)
    return {str(k): str(v) for k, v in result.items()}


@router.post("/edi/ordrsp", status_code=status.HTTP_202_ACCEPTED)
async def supplier_order_response(request: Request, session: AsyncSession = Depends(get_session)):
    """Inbound ORDRSP/CONTRL from the VAN: confirms the referenced purchase orders."""
    raw = (await request.body()).decode("utf-8", errors="replace")
    acks = edi_service.parse_ack(raw)
    confirmed: list[str] = []
    rejected: list[str] = []
    for control_ref, outcome in acks.items():
        if outcome != "accepted":
            rejected.append(control_ref)
            continue
        po_number = _po_number_for_control_ref(control_ref)
        if po_number and await po_service.confirm(session, po_number):
            confirmed.append(po_number)
    if rejected:
        log.warning("VAN rejected interchanges %s", ", ".join(rejected))
    return {"confirmed": confirmed, "rejected": rejected}


def _po_number_for_control_ref(control_ref: str) -> str | None:
    # Control references are "<outbox id>" or "<outbox id>-<PO number>" for older partners.
    _, sep, po_number = control_ref.partition("-")
    return po_number if sep else None
