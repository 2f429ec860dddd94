"""Visit summary PDF rendering (reportlab)."""
from __future__ import annotations

import functools
import io
import textwrap
from dataclasses import dataclass
from datetime import datetime

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas


@dataclass(frozen=True)
class SummaryData:
    booking_id: int
    clinic_name: str
    practitioner_name: str
    patient_name: str
    started_at: datetime
    notes: str
    prescriptions: tuple[str, ...]


class SummaryRenderer:
    def __init__(self, font: str = "Helvetica", font_size: int = 10) -> None:
        self._font = font
        self._font_size = font_size

    @functools.lru_cache(maxsize=None)
    def _wrapped(self, text: str, width: int) -> tuple[str, ...]:
        return tuple(textwrap.wrap(text, width=width))

    def render(self, data: SummaryData) -> bytes:
        buffer = io.BytesIO()
        pdf = canvas.Canvas(buffer, pagesize=A4)
        _, height = A4
        y = height - 60
        pdf.setFont(self._font + "-Bold", 14)
        pdf.drawString(50, y, f"Visit summary · {data.clinic_name}")
        y -= 24
        pdf.setFont(self._font, self._font_size)
        for label, value in (
            ("Patient", data.patient_name),
            ("Clinician", data.practitioner_name),
            ("Date", data.started_at.strftime("%Y-%m-%d %H:%M")),
        ):
            pdf.drawString(50, y, f"{label}: {value}")
            y -= 14
        y -= 10
        for paragraph in data.notes.split("\n\n"):
            for line in self._wrapped(paragraph, 95):
                if y < 60:
                    pdf.showPage()
                    pdf.setFont(self._font, self._font_size)
                    y = height - 60
                pdf.drawString(50, y, line)
                y -= 13
            y -= 8
        if data.prescriptions:
            pdf.drawString(50, y, "Prescriptions:")
            y -= 14
            for item in data.prescriptions:
                pdf.drawString(60, y, f"- {item}")
                y -= 13
        pdf.showPage()
        pdf.save()
        return buffer.getvalue()


def render_visit_pdf(data: SummaryData) -> bytes:
    return SummaryRenderer().render(data)
