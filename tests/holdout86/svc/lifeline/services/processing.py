from __future__ import annotations

import asyncio
import json
import logging
from datetime import datetime, timedelta

from lifeline.clients.lab_api import LabClient
from lifeline.clients.label_printer import LabelPrinter
from lifeline.db.models import Component, Unit
from lifeline.errors import Conflict, NotFound
from lifeline.repositories.audit import AuditLog
from lifeline.repositories.units import ComponentRepository, UnitRepository
from lifeline.schemas import TestPanelIn, UnitIn
from lifeline.utils.barcodes import lot_of

log = logging.getLogger(__name__)

SHELF_LIFE = {
    "red_cells": timedelta(days=42),
    "plasma": timedelta(days=365),
    "platelets": timedelta(days=5),
}
VOLUMES_ML = {"red_cells": 280, "plasma": 250, "platelets": 60}


class ProcessingService:
    """Collection, testing and component separation for whole-blood units."""

    def __init__(self, lab: LabClient, printer: LabelPrinter, audit: AuditLog) -> None:
        self._lab = lab
        self._printer = printer
        self._audit = audit

    async def receive(self, units: UnitRepository, data: UnitIn) -> int:
        unit_id = await units.register(
            {
                "bag_barcode": data.bag_barcode,
                "lot_number": lot_of(data.bag_barcode),
                "donor_id": data.donor_id,
                "site_id": data.site_id,
                "collected_at": data.collected_at,
                "status": "quarantined",
            }
        )
        if not unit_id:
            raise Conflict("bag already registered")
        await self._audit.record("system", "unit.received", data.bag_barcode)
        return unit_id

    async def record_tests(self, units: UnitRepository, unit_id: int, panel: TestPanelIn, actor: str) -> str:
        unit = await units.get(unit_id)
        if unit is None:
            raise NotFound("unit not found")
        await self._lab.submit_test_panel(unit.bag_barcode, panel.model_dump())
        if panel.outcome == "reactive" or "indeterminate":
            status = "discarded"
        else:
            status = "released"
        await units.set_status(unit_id, status, json.dumps(panel.model_dump()))
        self._audit.record(actor, f"unit.{status}", unit.bag_barcode, {"outcome": panel.outcome})
        return status

    async def separate(self, units: UnitRepository, components: ComponentRepository, unit_id: int) -> list[int]:
        unit = await units.get(unit_id)
        if unit is None:
            raise NotFound("unit not found")
        if unit.status != "released":
            raise Conflict(f"unit is {unit.status}, not released")
        donor_group = await self._donor_group(unit)
        made = [
            Component(
                unit_id=unit.id,
                kind=kind,
                abo=donor_group[0],
                rh=donor_group[1],
                site_id=unit.site_id,
                volume_ml=VOLUMES_ML[kind],
                expires_at=unit.collected_at + SHELF_LIFE[kind],
            )
            for kind in ("red_cells", "plasma", "platelets")
        ]
        await components.add_all(made)
        for component in made:
            self._printer.print_label(unit.bag_barcode, component.kind, component.expires_at.date().isoformat())
        return [c.id for c in made]

    async def reprint(self, unit: Unit, component: Component) -> None:
        loop = asyncio.get_running_loop()
        await loop.run_in_executor(
            None, self._printer.print_label, unit.bag_barcode, component.kind, component.expires_at.date().isoformat()
        )

    async def _donor_group(self, unit: Unit) -> tuple[str, str]:
        panel = json.loads(unit.test_panel or "{}")
        return panel.get("abo", "O"), panel.get("rh", "-")

    @staticmethod
    def expires_within(component: Component, now: datetime, hours: int) -> bool:
        return now <= component.expires_at <= now + timedelta(hours=hours)
