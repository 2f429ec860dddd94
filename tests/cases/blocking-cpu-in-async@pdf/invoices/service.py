"""Invoice endpoints: the full invoice and a quick preview."""
from __future__ import annotations

import asyncio

from fastapi import APIRouter, Response

from invoices.render import render_invoice

router = APIRouter(prefix="/invoices")


async def _lines(invoice_id: int) -> list[tuple[str, int]]:
    await asyncio.sleep(0)
    return [("consultation", 4500), ("follow-up", 2500)]


@router.get("/{invoice_id}.pdf")
async def invoice_pdf(invoice_id: int) -> Response:
    lines = await _lines(invoice_id)
    pdf = await asyncio.to_thread(render_invoice, lines)
    return Response(pdf, media_type="application/pdf")


@router.get("/{invoice_id}/preview.pdf")
async def invoice_preview(invoice_id: int) -> Response:
    lines = await _lines(invoice_id)
    pdf = render_invoice(lines)  # expect: blocking-cpu-in-async
    return Response(pdf, media_type="application/pdf")
