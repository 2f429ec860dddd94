from __future__ import annotations

import hashlib
import hmac
import uuid
from datetime import date
from decimal import Decimal
from typing import Annotated, Any

from fastapi import APIRouter, Depends, File, Header, HTTPException, Request, UploadFile
from pydantic import BaseModel, Field

from svc.api.deps import Client, ContainerDep, require_admin
from svc.errors import AuthError

router = APIRouter(tags=["payments"])

MAX_STATEMENT_BYTES = 20 * 1024 * 1024


class PaymentIn(BaseModel):
    invoice_id: uuid.UUID
    amount: Decimal = Field(gt=0)
    bank_reference: str | None = Field(default=None, max_length=140)


class TaxOverride(BaseModel):
    country: str = Field(min_length=2, max_length=2)
    tax_code: str
    rate: str


@router.post("/payments", status_code=201)
async def record_payment(body: PaymentIn, client: Client, container: ContainerDep) -> dict[str, str]:
    payment_id = await container.payments.apply(
        client.tenant_id, body.invoice_id, body.amount, bank_reference=body.bank_reference
    )
    return {"id": str(payment_id)}


@router.post("/payments/{payment_id}/reverse", status_code=204)
async def reverse_payment(payment_id: uuid.UUID, client: Client, container: ContainerDep, reason: str) -> None:
    await container.payments.reverse(client.tenant_id, payment_id, reason)


@router.get("/payments/by-reference/{reference}")
async def payment_by_reference(reference: str, client: Client, container: ContainerDep) -> dict[str, Any]:
    row = await container.payments_repo.by_bank_reference(client.tenant_id, reference)
    if row is None:
        raise HTTPException(status_code=404, detail="no payment with that reference")
    return dict(row)


@router.get("/customers/{customer_id}/payments")
async def customer_payments(customer_id: uuid.UUID, client: Client, container: ContainerDep) -> list[dict[str, Any]]:
    customer = await container.customers.get(client.tenant_id, customer_id)
    return [dict(row) for row in await container.payments_repo.recent_for_customer(customer["id"])]


@router.post("/webhooks/provider/{tenant_id}", status_code=204)
async def provider_webhook(
    tenant_id: uuid.UUID,
    request: Request,
    container: ContainerDep,
    x_signature: Annotated[str, Header()],
) -> None:
    body = await request.body()
    expected = hmac.new(container.settings.provider_webhook_secret.encode(), body, hashlib.sha256).hexdigest()
    if not hmac.compare_digest(expected, x_signature):
        raise AuthError("bad webhook signature")
    await container.payments.handle_provider_event(tenant_id, await request.json())


@router.post("/webhooks/bank/{tenant_id}", status_code=204)
async def bank_webhook(
    tenant_id: uuid.UUID,
    request: Request,
    container: ContainerDep,
    x_bank_signature: Annotated[str, Header()],
) -> None:
    body = await request.body()
    expected = hmac.new(container.settings.bank_webhook_secret.encode(), body, hashlib.sha256).hexdigest()
    if not hmac.compare_digest(expected, x_bank_signature):
        raise AuthError("bad webhook signature")
    await container.payments.handle_bank_notification(tenant_id, await request.json())


@router.post("/statements/preview")
async def preview_statement(client: Client, container: ContainerDep, file: UploadFile = File(...)) -> dict[str, Any]:
    payload = await file.read(MAX_STATEMENT_BYTES + 1)
    if len(payload) > MAX_STATEMENT_BYTES:
        raise HTTPException(status_code=413, detail="statement file too large")
    preview_id, statement = await container.reconciliation.preview_upload(file.filename or "statement.xml", payload)
    return {
        "preview_id": str(preview_id),
        "iban": statement.iban,
        "entries": len(statement.entries),
        "total": str(sum((e.amount for e in statement.entries), Decimal("0"))),
    }


@router.post("/statements/{preview_id}/confirm")
async def confirm_statement(preview_id: uuid.UUID, client: Client, container: ContainerDep) -> dict[str, Any]:
    result = await container.reconciliation.confirm_upload(client.tenant_id, preview_id)
    return {"import_id": str(result.import_id), "matched": result.matched, "unmatched": result.unmatched}


@router.get("/statements/{import_id}/suggestions")
async def statement_suggestions(import_id: uuid.UUID, client: Client, container: ContainerDep) -> list[dict[str, object]]:
    return await container.reconciliation.suggest(client.tenant_id, import_id)


@router.get("/reports/aging")
async def aging_report(client: Client, container: ContainerDep) -> list[dict[str, Any]]:
    rows = await container.reporting.aging(client.tenant_id, date.today())
    return [{"customer_id": str(r.customer_id), "name": r.customer_name, "currency": r.currency, **r.buckets} for r in rows]


@router.get("/reports/receivables")
async def receivables(client: Client, container: ContainerDep) -> dict[str, object]:
    return await container.reporting.receivables_total(client.tenant_id)


@router.get("/tax/rates/{country}")
async def tax_rates(country: str, client: Client, container: ContainerDep) -> dict[str, str]:
    return await container.tax.table_for(country.upper())


@router.put("/admin/tax-overrides", status_code=204, dependencies=[Depends(require_admin)])
async def put_tax_override(body: TaxOverride, container: ContainerDep) -> None:
    container.tax.set_override(body.country, body.tax_code, body.rate)
