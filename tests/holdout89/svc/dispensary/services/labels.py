from __future__ import annotations

import asyncio
import logging
from pathlib import Path

from dispensary.db.models import Branch, Prescription
from dispensary.settings import Settings
from dispensary.utils.ndc import display_ndc
from dispensary.utils.documents import render_label_pdf, send_to_printer

logger = logging.getLogger(__name__)


class LabelService:
    def __init__(self, settings: Settings) -> None:
        self._template_dir = Path(settings.label_template_dir)

    def _read_footer(self, branch_code: str) -> str:
        path = self._template_dir / f"{branch_code}.footer.txt"
        if not path.exists():
            path = self._template_dir / "default.footer.txt"
        return path.read_text(encoding="utf-8")

    async def print_label(self, rx: Prescription, branch: Branch, patient_name: str) -> None:
        fields = {
            "patient": patient_name,
            "drug": rx.drug_name or rx.drug_code,
            "ndc": display_ndc(rx.drug_code),
            "directions": rx.sig_text,
            "qty": str(rx.quantity),
            "refills": str(rx.refills_remaining),
            "rx": rx.exchange_rx_id,
            "footer": await asyncio.to_thread(self._read_footer, branch.code),
        }
        document = render_label_pdf(fields)
        send_to_printer(document, branch.printer_name)
        logger.info("label printed for rx %s at %s", rx.id, branch.code)
