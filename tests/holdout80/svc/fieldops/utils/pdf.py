from __future__ import annotations

from weasyprint import HTML

from fieldops.utils.templates import render_html


def build_invoice_pdf(template_dir: str, context: dict) -> bytes:
    html = render_html(template_dir, "invoice.html", context)
    return HTML(string=html).write_pdf()
