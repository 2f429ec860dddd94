"""Renders signed reports to PDF with wkhtmltopdf for fax/email distribution."""
from __future__ import annotations

import html
import os
import subprocess
import tempfile

from readroom.models import Report

_HTML = """<html><head><meta charset="utf-8"><style>
body {{ font-family: Helvetica, Arial, sans-serif; font-size: 11pt; }}
h1 {{ font-size: 14pt; }} .imp {{ font-weight: bold; }}
</style></head><body>
<h1>Radiology Report &mdash; {accession}</h1>
<p>Patient: {patient}<br/>Exam: {exam}<br/>Signed: {signed}</p>
<h2>Findings</h2><pre>{findings}</pre>
<h2>Impression</h2><p class="imp">{impression}</p>
</body></html>"""


def render_pdf(report: Report, patient: str, exam: str) -> bytes:
    doc = _HTML.format(
        accession=html.escape(report.accession_number),
        patient=html.escape(patient),
        exam=html.escape(exam),
        signed=report.signed_at.isoformat() if report.signed_at else "",
        findings=html.escape(report.findings),
        impression=html.escape(report.impression),
    )
    with tempfile.TemporaryDirectory() as tmp:
        src = os.path.join(tmp, "report.html")
        out = os.path.join(tmp, "report.pdf")
        with open(src, "w", encoding="utf-8") as fh:
            fh.write(doc)
        subprocess.run(["wkhtmltopdf", "--quiet", src, out], check=True, timeout=60)
        with open(out, "rb") as fh:
            return fh.read()
