"""PDF helpers. Everything in here is synchronous; async callers hand it to a thread."""
from __future__ import annotations

import html
import io
import shutil
import subprocess
from collections.abc import Iterable

from pdf2image import convert_from_bytes
from pypdf import PdfReader

WKHTMLTOPDF = shutil.which("wkhtmltopdf") or "/usr/local/bin/wkhtmltopdf"


def count_pages(data: bytes) -> int:
    return len(PdfReader(io.BytesIO(data)).pages)


def extract_text_layer(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    chunks = []
    for page in reader.pages:
        chunks.append(page.extract_text() or "")
    return "\n\f".join(chunks)


def rasterize(data: bytes, dpi: int = 200) -> list[bytes]:
    images = []
    for image in convert_from_bytes(data, dpi=dpi, fmt="png"):
        buf = io.BytesIO()
        image.save(buf, format="PNG")
        images.append(buf.getvalue())
    return images


def html_to_pdf(document_html: str) -> bytes:
    return _run_converter(document_html, ["--quiet", "--page-size", "Letter", "--encoding", "utf-8"])


def _run_converter(document_html: str, options: list[str]) -> bytes:
    completed = subprocess.run(
        [WKHTMLTOPDF, *options, "-", "-"],
        input=document_html.encode("utf-8"),
        capture_output=True,
        check=True,
        timeout=60,
    )
    return completed.stdout


def render_invoice_html(header: dict, lines: Iterable[dict]) -> str:
    rows = "".join(
        "<tr><td>{}</td><td>{}</td><td class='amt'>{:,.2f}</td></tr>".format(
            html.escape(line["matter"]), html.escape(line["description"]), line["amount_cents"] / 100
        )
        for line in lines
    )
    return (
        "<html><head><meta charset='utf-8'><style>td.amt{text-align:right}</style></head><body>"
        f"<h1>Invoice {header['number']}</h1>"
        f"<p>{html.escape(header['client'])}<br>Issued {header['issued_on']} &middot; Due {header['due_on']}</p>"
        f"<table>{rows}</table>"
        f"<p>Total: {header['total_cents'] / 100:,.2f}</p></body></html>"
    )
