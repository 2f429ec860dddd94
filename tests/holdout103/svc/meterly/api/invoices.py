from __future__ import annotations

import uuid

from fastapi import APIRouter, Depends, Response
from sqlalchemy.ext.asyncio import AsyncSession

from ..container import Container
from ..core.errors import NotFound
from ..core.security import KeyPrincipal
from ..deps import get_container, get_session, require_scope
from ..repositories.invoices import InvoiceRepository
from ..repositories.tenants import TenantRepository
from ..services.invoice_pdf import render_invoice_pdf

router = APIRouter(prefix="/v1/invoices", tags=["invoices"])


@router.get("")
async def list_invoices(
    principal: KeyPrincipal = Depends(require_scope("usage:read")),
    session: AsyncSession = Depends(get_session),
) -> list[dict]:
    invoices = await InvoiceRepository(session).list_for_tenant(uuid.UUID(principal.tenant_id))
    return [
        {"id": str(i.id), "period_start": i.period_start, "status": i.status,
         "total_cents": i.total_cents, "currency": i.currency}
        for i in invoices
    ]


@router.get("/{invoice_id}/pdf")
async def invoice_pdf(
    invoice_id: uuid.UUID,
    principal: KeyPrincipal = Depends(require_scope("usage:read")),
    session: AsyncSession = Depends(get_session),
) -> Response:
    tenant_id = uuid.UUID(principal.tenant_id)
    invoice = await InvoiceRepository(session).get(invoice_id, tenant_id)
    tenant = await TenantRepository(session).get(tenant_id)
    if invoice is None or tenant is None:
        raise NotFound("invoice not found")
    pdf = render_invoice_pdf(invoice, tenant)
    return Response(pdf, media_type="application/pdf",
                    headers={"Content-Disposition": f'attachment; filename="invoice-{invoice.id}.pdf"'})


@router.post("/{invoice_id}/finalize")
async def finalize_invoice(
    invoice_id: uuid.UUID,
    principal: KeyPrincipal = Depends(require_scope("admin")),
    session: AsyncSession = Depends(get_session),
    container: Container = Depends(get_container),
) -> dict:
    tenant_id = uuid.UUID(principal.tenant_id)
    url = await container.billing.finalize(session, invoice_id, tenant_id)
    tenant = await TenantRepository(session).get(tenant_id)
    if tenant is not None and url:
        invoice = await InvoiceRepository(session).get(invoice_id, tenant_id)
        period = invoice.period_start.strftime("%Y-%m") if invoice else ""
        await container.notifier.invoice_ready(tenant.billing_email, period, url)
    return {"hosted_invoice_url": url}
