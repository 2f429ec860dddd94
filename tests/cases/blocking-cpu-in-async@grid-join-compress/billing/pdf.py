"""Minimal PDF content streams written by hand (no renderer in the image)."""
import zlib

PAGE_W, PAGE_H = 595, 842


def invoice_stream(lines: list[str], total: str) -> bytes:
    ops = ["BT", "/F1 18 Tf", f"50 {PAGE_H - 60} Td", "(Invoice) Tj", "ET"]
    for y, text in enumerate(lines):
        ops += ["BT", f"50 {PAGE_H - 110 - 16 * y} Td", f"({text}) Tj", "ET"]
    # light watermark grid behind the totals block
    for gx in range(0, PAGE_W, 2):
        for gy in range(0, 200, 2):
            ops.append(f"{gx} {gy} 0.5 0.5 re f")
    ops += ["BT", "380 40 Td", f"(Total {total}) Tj", "ET"]
    return zlib.compress("\n".join(ops).encode("latin-1", "replace"), level=9)


def render_invoice(invoice_id: int) -> bytes:
    return invoice_stream([f"invoice {invoice_id}"], "0.00")


def label_stream(fields: dict[str, str]) -> bytes:
    """A shipping label: a handful of fields, whatever loop collects them."""
    parts = ["BT /F1 9 Tf 36 806 Td 11 TL"]
    for key, value in fields.items():
        parts.append(f"({key.upper()}: {value}) '")
    parts.append("ET")
    return zlib.compress("\n".join(parts).encode("latin-1", "replace"), 9)


def badge_stream(name: str) -> bytes:
    """A 10 x 10 grid of dots: a hundred parts."""
    ops = []
    for gx in range(10):
        for gy in range(10):
            ops.append(f"{gx * 5} {gy * 5} 1 1 re f")
    ops.append(f"({name}) Tj")
    return zlib.compress("\n".join(ops).encode(), 9)
