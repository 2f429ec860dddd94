"""Ticket artefacts: QR codes, printable PDF tickets and wallet passes (sync code)."""
from __future__ import annotations

import hashlib
import io
import json
import zipfile
from dataclasses import dataclass
from pathlib import Path

import qrcode
from reportlab.lib.pagesizes import A6
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen import canvas

from svc.config import settings


@dataclass(frozen=True)
class TicketView:
    ticket_id: int
    barcode: str
    event_title: str
    starts_at: str
    venue: str
    seat_label: str
    holder_name: str | None


def render_qr_png(payload: str, box_size: int = 8) -> bytes:
    qr = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, box_size=box_size, border=2)
    qr.add_data(payload)
    qr.make(fit=True)
    buf = io.BytesIO()
    qr.make_image().save(buf)
    return buf.getvalue()


def render_ticket_pdf(view: TicketView, qr_png: bytes) -> bytes:
    buf = io.BytesIO()
    pdf = canvas.Canvas(buf, pagesize=A6)
    width, height = A6
    pdf.setFont("Helvetica-Bold", 12)
    pdf.drawString(20, height - 30, view.event_title[:48])
    pdf.setFont("Helvetica", 9)
    pdf.drawString(20, height - 46, f"{view.venue} - {view.starts_at}")
    pdf.drawString(20, height - 60, f"Seat {view.seat_label}")
    if view.holder_name:
        pdf.drawString(20, height - 74, f"Holder: {view.holder_name}")
    pdf.drawImage(ImageReader(io.BytesIO(qr_png)), (width - 160) / 2, 40, width=160, height=160)
    pdf.drawString(20, 24, view.barcode)
    pdf.showPage()
    pdf.save()
    return buf.getvalue()

PASS_ASSETS = ("icon.png", "icon@2x.png", "logo.png", "strip.png")


def _read_asset(name: str) -> bytes:
    return (Path(settings.assets_dir) / "wallet" / name).read_bytes()


def _pass_json(view: TicketView) -> dict:
    return {
        "formatVersion": 1,
        "passTypeIdentifier": "pass.com.example.tickets",
        "serialNumber": view.barcode,
        "organizationName": "Example Tickets",
        "description": view.event_title,
        "eventTicket": {
            "primaryFields": [{"key": "event", "label": "EVENT", "value": view.event_title}],
            "secondaryFields": [{"key": "seat", "label": "SEAT", "value": view.seat_label}],
            "auxiliaryFields": [{"key": "date", "label": "DATE", "value": view.starts_at}],
        },
        "barcodes": [{"format": "PKBarcodeFormatQR", "message": view.barcode, "messageEncoding": "iso-8859-1"}],
    }


def build_pkpass(view: TicketView) -> bytes:
    files: dict[str, bytes] = {"pass.json": json.dumps(_pass_json(view)).encode()}
    for name in PASS_ASSETS:
        files[name] = _read_asset(name)
    manifest = {name: hashlib.sha1(data).hexdigest() for name, data in files.items()}
    files["manifest.json"] = json.dumps(manifest).encode()
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in files.items():
            zf.writestr(name, data)
    return buf.getvalue()
