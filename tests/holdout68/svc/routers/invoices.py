from __future__ import annotations

import json
import logging

from fastapi import APIRouter, Depends, Header, HTTPException, Request
from pydantic import BaseModel

from svc.config import get_settings
from svc.deps import SessionDep, StaffDep, services
from svc.repositories import invoices_repo, pets_repo
from svc.services.invoicing import UnknownPriceCode
from svc.services.payments import InvoiceNotPayable
from svc.utils.security import verify_webhook_signature

logger = logging.getLogger(__name__)

router = APIRouter(prefix="/invoices", tags=["invoices"])
webhook_router = APIRouter(prefix="/webhooks", tags=["webhooks"])


class InvoiceIn(BaseModel):
    clinic_id: int
    owner_id: int
    appointment_id: int
    items: list[tuple[str, int]]


@router.post("", status_code=201)
async def create_invoice(body: InvoiceIn, session: SessionDep, staff: StaffDep, svc=Depends(services)) -> dict:
    try:
        invoice = await svc.invoicing.build_invoice(
            session, body.clinic_id, body.owner_id, body.appointment_id, body.items
        )
    except UnknownPriceCode as exc:
        raise HTTPException(422, f"unknown price code {exc}") from exc
    return {"id": invoice.id, "total_cents": invoice.total_cents}


@router.post("/estimate")
async def estimate(items: list[tuple[str, int]], session: SessionDep, svc=Depends(services)) -> dict:
    try:
        return await svc.invoicing.estimate(session, items)
    except UnknownPriceCode as exc:
        raise HTTPException(422, f"unknown price code {exc}") from exc


@router.get("/owners/{owner_id}")
async def owner_invoices(owner_id: int, clinic_id: int, session: SessionDep, svc=Depends(services)) -> list[dict]:
    return await svc.invoicing.owner_invoices(session, clinic_id, owner_id)


@router.post("/{invoice_id}/pay")
async def pay(invoice_id: int, session: SessionDep, svc=Depends(services)) -> dict:
    try:
        return await svc.payments.start_payment(session, invoice_id)
    except InvoiceNotPayable as exc:
        raise HTTPException(409, "invoice is not awaiting payment") from exc


@router.get("/{invoice_id}/insurance-estimate")
async def insurance_estimate(invoice_id: int, session: SessionDep, staff: StaffDep, svc=Depends(services)) -> dict:
    invoice = await invoices_repo.get_invoice(session, invoice_id)
    if invoice is None:
        raise HTTPException(404, "invoice not found")
    owner = await pets_repo.get_owner(session, invoice.owner_id)
    pets = await pets_repo.pets_for_owners(session, [owner.id])
    insured = next((p for p in pets.get(owner.id, []) if p.insurance_policy_no), None)
    if insured is None:
        raise HTTPException(404, "no insured pet for this owner")
    return await svc.invoicing.insurance_estimate(insured.insurance_policy_no, invoice)


@router.post("/clinics/{clinic_id}/reconcile")
async def reconcile(clinic_id: int, session: SessionDep, staff: StaffDep, svc=Depends(services)) -> dict:
    return await svc.payments.reconcile(session, clinic_id)


@webhook_router.post("/payments")
async def payment_webhook(
    request: Request, session: SessionDep, psp_signature: str = Header(...), svc=Depends(services)
) -> dict:
    raw = await request.body()
    if not verify_webhook_signature(get_settings().payment_webhook_secret, raw, psp_signature):
        raise HTTPException(400, "invalid signature")
    event = json.loads(raw)
    try:
        await svc.payments.apply_event(session, event)
    except Exception as exc:
        return {"received": True, "error": str(exc)}
    return {"received": True}
