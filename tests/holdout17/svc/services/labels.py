"""Shipping label generation (PDF, A6) and pickup sheets."""

from __future__ import annotations

import asyncio
import functools
import io
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from reportlab.graphics.barcode import code128
from reportlab.lib.pagesizes import A6
from reportlab.lib.units import mm
from reportlab.pdfgen import canvas

from svc.repositories.shipments import ShipmentRepository
from svc.storage import LabelStore

DEFAULT_LAYOUT: Mapping[str, Any] = {"font": "Helvetica", "font_size": 9, "barcode_height_mm": 18.0}


def render_label_pdf(shipment: Mapping[str, Any], layout: Mapping[str, Any]) -> bytes:
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A6)
    _, height = A6
    pdf.setFont(layout["font"], layout["font_size"])
    pdf.drawString(8 * mm, height - 12 * mm, f"To: {shipment['recipient_name']}")
    pdf.drawString(8 * mm, height - 17 * mm, f"{shipment['destination_postcode']}  {shipment['destination_country']}")
    barcode = code128.Code128(shipment["tracking_number"], barHeight=layout["barcode_height_mm"] * mm, barWidth=0.38 * mm)
    barcode.drawOn(pdf, 8 * mm, 22 * mm)
    pdf.drawString(8 * mm, 15 * mm, shipment["tracking_number"])
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


class LabelService:
    def __init__(self, shipments: ShipmentRepository, store: LabelStore, layout: Mapping[str, Any] = DEFAULT_LAYOUT) -> None:
        self._shipments = shipments
        self._store = store
        self._layout = layout

    async def create_label(self, tracking_number: str, fmt: str = "pdf") -> Path:
        if fmt != "pdf":
            raise ValueError(f"unsupported label format {fmt}")
        shipment = await self._shipments.get_by_tracking_number(tracking_number)
        pdf = await asyncio.to_thread(render_label_pdf, dict(shipment), self._layout)
        return self._store.save(tracking_number, "pdf", pdf)

    async def label_bytes(self, tracking_number: str) -> bytes:
        try:
            return await asyncio.to_thread(self._store.read, tracking_number, "pdf")
        except FileNotFoundError:
            path = await self.create_label(tracking_number)
            return await asyncio.to_thread(path.read_bytes)

    async def render_batch(self, shipments: Sequence[Mapping[str, Any]]) -> list[bytes]:
        loop = asyncio.get_running_loop()
        render = functools.partial(render_label_pdf, layout=self._layout)
        return [await loop.run_in_executor(None, render, shipment) for shipment in shipments]

    async def pickup_sheet(self, tracking_numbers: Sequence[str], sheet_name: str) -> Path:
        sources = [self._store.path_for(tn, "pdf") for tn in tracking_numbers]
        return self._store.merge_pdfs(sources, self._store.path_for(sheet_name, "pdf"))
