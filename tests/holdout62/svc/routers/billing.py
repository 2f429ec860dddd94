"""Billing endpoints."""
from __future__ import annotations

from decimal import Decimal

from fastapi import APIRouter, Depends, HTTPException, Response, status
from sqlalchemy.ext.asyncio import AsyncSession

from svc.deps import Staff, current_staff, db, require_role
from svc.schemas import IssueIn, PaymentIn
from svc.services import billing

router = APIRouter(prefix="/invoices", tags=["billing"])


@router.post("/{invoice_id}/issue")
async def issue(invoice_id: int, body: IssueIn, session: AsyncSession = Depends(db),
                staff: Staff = Depends(require_role("reception", "manager"))):
    try:
        invoice = await billing.issue(session, invoice_id, body.pet_id, body.procedure_codes)
    except billing.InvoiceNotFound as exc:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "invoice not found") from exc
    return {"id": invoice.id, "status": invoice.status, "total": str(invoice.total), "preauth": invoice.preauth_ref}


@router.get("/{invoice_id}/pdf")
async def pdf(invoice_id: int, session: AsyncSession = Depends(db), staff: Staff = Depends(current_staff)):
    try:
        data = await billing.invoice_pdf(session, invoice_id)
    except billing.InvoiceNotFound as exc:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "invoice not found") from exc
    return Response(data, media_type="application/pdf")


@router.post("/{invoice_id}/payments")
async def pay(invoice_id: int, body: PaymentIn, session: AsyncSession = Depends(db),
              staff: Staff = Depends(require_role("reception", "manager"))):
    try:
        invoice = await billing.settle(session, invoice_id, body.amount)
    except billing.InvoiceNotFound as exc:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "invoice not found") from exc
    except billing.BillingError as exc:
        raise HTTPException(status.HTTP_409_CONFLICT, str(exc)) from exc
    return {"id": invoice.id, "status": invoice.status}


@router.get("/preauth/{reference}")
async def preauth(reference: str, staff: Staff = Depends(current_staff)):
    return {"reference": reference, "status": await billing.preauth_status(reference)}


@router.get("/owners/{owner_id}/balance")
async def balance(owner_id: int, session: AsyncSession = Depends(db), staff: Staff = Depends(current_staff)):
    return {"owner_id": owner_id, "balance": str(await billing.owner_balance(session, owner_id))}


@router.post("/estimate/{pet_id}")
async def estimate(pet_id: int, items: list[tuple[str, Decimal]], session: AsyncSession = Depends(db),
                   staff: Staff = Depends(current_staff)):
    return await billing.estimate(session, pet_id, items)


@router.post("/{invoice_id}/void")
async def void(invoice_id: int, reason: str, session: AsyncSession = Depends(db),
               staff: Staff = Depends(require_role("manager"))):
    try:
        invoice = await billing.void(session, invoice_id, reason)
    except billing.InvoiceNotFound as exc:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "invoice not found") from exc
    except billing.BillingError as exc:
        raise HTTPException(status.HTTP_409_CONFLICT, f"cannot void: {exc}") from exc
    return {"id": invoice.id, "status": invoice.status}
