"""Invoice endpoints for API clients and operators."""
from __future__ import annotations

import asyncio
import os
from datetime import date

from fastapi import APIRouter, Depends, Request
from fastapi.responses import FileResponse, PlainTextResponse
from pydantic import BaseModel
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession, create_async_engine

from svc.api.deps import Services, get_services, get_session, tenant_from_api_key
from svc.config import get_settings
from svc.db.invoice_repo import InvoiceRepository
from svc.errors import InvoiceNotFound
from svc.services.invoicing import period_bounds

router = APIRouter(prefix="/v1/invoices", tags=["invoices"])


class FinalizeRequest(BaseModel):
    tenant_id: int
    period_start: date
    period_end: date


class CreditNoteRequest(BaseModel):
    pct: float


def _serialize(invoice, lines) -> dict[str, object]:
    return {
        "id": invoice.id,
        "number": invoice.number,
        "status": invoice.status,
        "total_cents": invoice.total_cents,
        "lines": [{"meter": l.meter, "amount_cents": l.amount_cents} for l in lines],
    }


@router.get("")
async def list_invoices(
    tenant_id: int = Depends(tenant_from_api_key),
    session: AsyncSession = Depends(get_session),
) -> list[dict[str, object]]:
    repo = InvoiceRepository(session)
    invoices = await repo.list_for_tenant(tenant_id)
    lines = await repo.lines_for_many([inv.id for inv in invoices])
    return [_serialize(inv, lines.get(inv.id, [])) for inv in invoices]


@router.get("/statement.txt", response_class=PlainTextResponse)
async def statement(
    tenant_id: int = Depends(tenant_from_api_key),
    session: AsyncSession = Depends(get_session),
) -> str:
    repo = InvoiceRepository(session)
    out: list[str] = []
    for invoice in await repo.list_for_tenant(tenant_id, limit=24):
        lines = await repo.lines_for(invoice.id)
        out.append(f"{invoice.number}\t{invoice.total_cents}\t{len(lines)} lines")
    return "\n".join(out)


@router.get("/{invoice_id}")
async def get_invoice(
    invoice_id: int,
    tenant_id: int = Depends(tenant_from_api_key),
    session: AsyncSession = Depends(get_session),
) -> dict[str, object]:
    invoice = await InvoiceRepository(session).get_for_tenant(tenant_id, invoice_id)
    return _serialize(invoice, [])


@router.get("/{invoice_id}/archive")
def download_archive(invoice_id: int, request: Request) -> FileResponse:
    settings = get_settings()
    with open(os.path.join(settings.archive_dir, "index.txt")) as fh:
        names = dict(line.strip().split("\t", 1) for line in fh if "\t" in line)
    if str(invoice_id) not in names:
        raise InvoiceNotFound(str(invoice_id))
    return FileResponse(os.path.join(settings.archive_dir, names[str(invoice_id)]))


@router.get("/{invoice_id}/itemised-tax")
async def itemised_tax(
    invoice_id: int,
    tenant_id: int = Depends(tenant_from_api_key),
    services: Services = Depends(get_services),
    session: AsyncSession = Depends(get_session),
) -> dict[str, int]:
    invoice = await InvoiceRepository(session).get_for_tenant(tenant_id, invoice_id)
    tenant = await services.tenants.get(tenant_id)
    start, end = period_bounds(invoice.period_start, invoice.period_end)
    period = await services.rating.rate(tenant_id, start, end)
    return await services.rating.line_taxes(period, tenant["country"])


@router.post("/{invoice_id}/tax/recalculate")
async def recalculate_tax(
    invoice_id: int,
    tenant_id: int = Depends(tenant_from_api_key),
    services: Services = Depends(get_services),
    session: AsyncSession = Depends(get_session),
) -> dict[str, int]:
    invoice = await InvoiceRepository(session).get(invoice_id)
    tenant = await services.tenants.get(tenant_id)
    quote = await services.tax.calculate(tenant["country"], invoice.subtotal_cents)
    return {"tax_cents": quote.tax_cents}


@router.post("/{invoice_id}/credit-note")
async def credit_note(
    invoice_id: int,
    body: CreditNoteRequest,
    tenant_id: int = Depends(tenant_from_api_key),
    services: Services = Depends(get_services),
    session: AsyncSession = Depends(get_session),
) -> dict[str, object]:
    invoice = await InvoiceRepository(session).get(invoice_id)
    amount = services.rating.credit_note_amount(invoice.total_cents, body.pct)
    applied = await services.invoicing.apply_credits_legacy(tenant_id, amount)
    return {"amount_cents": amount, "applied": applied}


@router.post("/{invoice_id}/refund")
async def refund(
    invoice_id: int,
    tenant_id: int = Depends(tenant_from_api_key),
    services: Services = Depends(get_services),
    session: AsyncSession = Depends(get_session),
) -> dict[str, str]:
    invoice = await InvoiceRepository(session).get_for_tenant(tenant_id, invoice_id)
    charge_ref = await session.scalar(
        text("SELECT provider_ref FROM payment_attempts WHERE invoice_id = :id AND status = 'succeeded'"),
        {"id": invoice.id},
    )
    result = await services.payments.refund(charge_ref, invoice.total_cents)
    return {"refund": result.provider_ref}


@router.post("/admin/finalize")
async def finalize(body: FinalizeRequest, request: Request, services: Services = Depends(get_services)) -> dict[str, object]:
    invoice = await services.invoicing.finalize_manual(body.tenant_id, body.period_start, body.period_end)
    asyncio.create_task(services.outbox.enqueue(body.tenant_id, "invoice.finalized", {"invoice_id": invoice.id}))
    await request.app.state.invoice_notifier.notify(body.tenant_id, {"type": "invoice.finalized", "id": invoice.id})
    return {"id": invoice.id, "number": invoice.number}


@router.post("/admin/dunning/run")
async def run_dunning(services: Services = Depends(get_services)) -> dict[str, int]:
    return {"processed": await services.dunning.run_once()}


@router.post("/admin/{invoice_id}/write-off", status_code=204)
async def write_off(invoice_id: int, tenant_id: int, services: Services = Depends(get_services)) -> None:
    await services.dunning.write_off(tenant_id, invoice_id)


@router.get("/admin/revenue")
async def revenue_report(tenant_id: int, month: date) -> dict[str, int]:
    engine = create_async_engine(get_settings().replica_url, pool_size=2)
    async with engine.connect() as conn:
        total = await conn.scalar(
            text("SELECT COALESCE(SUM(total_cents), 0) FROM invoices WHERE tenant_id = :t AND period_start = :m"),
            {"t": tenant_id, "m": month},
        )
    return {"total_cents": int(total)}


@router.post("/payments/callback")
async def payment_callback(payload: dict, services: Services = Depends(get_services), session: AsyncSession = Depends(get_session)) -> dict[str, bool]:
    attempt = await services.tenants.payment_by_provider_ref(payload["charge_id"])
    if attempt is None:
        return {"ok": False}
    if payload.get("status") == "succeeded":
        await InvoiceRepository(session).mark_paid(attempt["invoice_id"])
        await session.commit()
    return {"ok": True}
