from __future__ import annotations

import base64
import html
import subprocess
from pathlib import Path
from typing import TYPE_CHECKING

from svc.settings import get_settings

if TYPE_CHECKING:
    from svc.db.models import Shipment

ZINT_CODE128 = "20"


class LabelError(RuntimeError):
    pass


def build_label_pdf(shipment: Shipment, carrier_code: str) -> bytes:
    """Render a 4x6in shipping label for ``shipment`` as PDF bytes."""
    template = _load_template(carrier_code)
    barcode_png = _render_barcode(shipment.tracking_number)
    total_weight = sum(p.weight_grams for p in shipment.parcels) or shipment.weight_grams
    fields = {
        "tracking_number": shipment.tracking_number,
        "reference": shipment.reference or "",
        "service": shipment.service_code.upper(),
        "destination": shipment.destination_address,
        "postcode": shipment.destination_postcode,
        "country": shipment.destination_country,
        "weight": f"{total_weight / 1000:.2f} kg",
        "parcels": str(len(shipment.parcels) or 1),
    }
    return _compose_pdf(template, barcode_png, fields)


def _load_template(carrier_code: str) -> str:
    base = Path(get_settings().label_template_dir)
    path = base / f"{carrier_code}.svg"
    if not path.exists():
        path = base / "default.svg"
    return path.read_text(encoding="utf-8")


def _render_barcode(data: str) -> bytes:
    proc = subprocess.run(
        ["zint", f"--barcode={ZINT_CODE128}", "--direct", "--filetype=PNG", "--scale=2", f"--data={data}"],
        capture_output=True,
        check=False,
        timeout=20,
    )
    if proc.returncode != 0:
        raise LabelError(f"barcode rendering failed: {proc.stderr.decode(errors='replace')[:200]}")
    return proc.stdout


def _compose_pdf(template: str, barcode_png: bytes, fields: dict[str, str]) -> bytes:
    svg = template
    for key, value in fields.items():
        svg = svg.replace("{{" + key + "}}", html.escape(value))
    svg = svg.replace("{{barcode}}", "data:image/png;base64," + base64.b64encode(barcode_png).decode())
    proc = subprocess.run(
        ["rsvg-convert", "--format=pdf", "--width=4in", "--height=6in"],
        input=svg.encode("utf-8"),
        capture_output=True,
        check=False,
        timeout=30,
    )
    if proc.returncode != 0:
        raise LabelError("PDF conversion failed")
    return proc.stdout
