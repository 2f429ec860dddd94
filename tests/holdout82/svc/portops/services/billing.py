from __future__ import annotations

import asyncio
import logging
from pathlib import Path

from portops.clients.tariff_sdk import TariffQuote, TariffSdk
from portops.repositories.containers import ContainerRepository
from portops.utils.files import write_report

log = logging.getLogger(__name__)

CALL_TARIFFS = ("THC", "STORAGE", "REEFER")


class BillingService:
    def __init__(self, containers: ContainerRepository, tariffs: TariffSdk, report_dir: str) -> None:
        self.containers = containers
        self.tariffs = tariffs
        self.report_dir = report_dir

    async def call_quotes(self, call_id: int) -> dict[str, TariffQuote]:
        boxes = await self.containers.list_for_call(call_id)
        quotes: dict[str, TariffQuote] = {}
        for code in CALL_TARIFFS:
            quotes[code] = await asyncio.to_thread(self.tariffs.quote, code, len(boxes))
        return quotes

    async def export_invoice(self, call_id: int) -> Path:
        quotes = await self.call_quotes(call_id)
        boxes = await self.containers.list_for_call(call_id)
        rows = [
            {"container": c.number, "operator": c.line_operator, "thc": quotes["THC"].amount}
            for c in boxes
        ]
        path = self._persist(f"invoice-{call_id}", rows)
        log.info("invoice for call %s written to %s", call_id, path)
        return path

    def _persist(self, name: str, rows: list[dict]) -> Path:
        rows.sort(key=lambda r: (r["operator"], r["container"]))
        return write_report(self.report_dir, name, rows)
