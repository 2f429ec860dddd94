"""Receipt rendering. Output is a plain-text receipt written to the receipts volume."""
from __future__ import annotations

import io
import os
import struct
from decimal import Decimal

import requests

from svc.config import settings


MAX_LOGO_BYTES = 2 * 1024 * 1024


def _png_size(data: bytes) -> tuple[int, int] | None:
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        return None
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def fetch_logo_dimensions(url: str) -> tuple[int, int] | None:
    resp = requests.get(url, timeout=5, stream=True)
    resp.raise_for_status()
    buf = io.BytesIO()
    for chunk in resp.iter_content(8192):
        buf.write(chunk)
        if buf.tell() > MAX_LOGO_BYTES:
            return None
    return _png_size(buf.getvalue())


def render_receipt(order_id: int, lines: list[tuple[str, int, Decimal]], total: Decimal) -> str:
    rows = [f"Order #{order_id}", "-" * 32]
    for name, qty, price in lines:
        rows.append(f"{qty:>2} x {name[:20]:<20} {price * qty:>8.2f}")
    rows.append("-" * 32)
    rows.append(f"{'TOTAL':<25} {total:>6.2f}")
    return "\n".join(rows)


def write_receipt(order_id: int, text: str) -> str:
    os.makedirs(settings.receipts_dir, exist_ok=True)
    path = os.path.join(settings.receipts_dir, f"{order_id}.txt")
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(text)
    return path


def receipt_path(order_id: int) -> str:
    return os.path.join(settings.receipts_dir, f"{order_id}.txt")
