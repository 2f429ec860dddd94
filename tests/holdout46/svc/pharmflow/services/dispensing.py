"""Dispensing: registry check, stock allocation, claim adjudication."""
from __future__ import annotations

import logging
from decimal import Decimal

from sqlalchemy.ext.asyncio import AsyncSession

from ..clients.pbm import PBMClient
from ..clients.registry import RegistryClient
from ..db.models import Dispense, Patient, Pharmacy, Prescription
from ..redis_client import get_redis
from ..repositories.prescriptions import PrescriptionRepository
from ..utils.locks import lot_lock, patient_lock
from . import audit
from .claims import ClaimService
from .controlled import ControlledSubstanceService
from .inventory import InventoryService, OutOfStock

log = logging.getLogger(__name__)


class DispenseBlocked(Exception):
    pass


class DispensingService:
    def __init__(self, session: AsyncSession, pbm: PBMClient, registry: RegistryClient) -> None:
        self.session = session
        self.rx_repo = PrescriptionRepository(session)
        self.inventory = InventoryService(session)
        self.claims = ClaimService(session, pbm)
        self.controlled = ControlledSubstanceService(registry)

    async def dispense(self, rx_id: int, pharmacist_id: int, override_justification: str | None = None) -> Dispense:
        rx = await self.rx_repo.get(rx_id)
        if rx is None or rx.status != "claimed" or rx.pharmacy_id is None:
            raise DispenseBlocked("prescription is not claimed by a pharmacy")
        patient = await self.session.get(Patient, rx.patient_id)
        pharmacy = await self.session.get(Pharmacy, rx.pharmacy_id)
        assert patient is not None and pharmacy is not None

        decision = await self.controlled.evaluate(rx, patient, pharmacy)
        if decision.requires_review and override_justification:
            decision = self.controlled.apply_override(decision, pharmacist_id, override_justification)
        if not decision.allowed or decision.requires_review:
            await audit.record(f"pharmacist:{pharmacist_id}", "rx.dispense_blocked", "prescription", rx.id, reasons=decision.reasons)
            raise DispenseBlocked("; ".join(decision.reasons) or "registry review required")

        if rx.schedule is not None:
            if not await self.controlled.reserve_daily_units(get_redis(), rx.patient_id, rx.quantity):
                raise DispenseBlocked("daily controlled-substance limit reached for patient")

        async with lot_lock(rx.ndc):
            async with patient_lock(rx.patient_id):
                try:
                    picks = await self.inventory.allocate(rx.pharmacy_id, rx.ndc, rx.quantity, rx.days_supply)
                except OutOfStock:
                    await self.session.rollback()
                    if rx.schedule is not None:
                        await self.controlled.release_daily_units(get_redis(), rx.patient_id, rx.quantity)
                    raise
                cost = sum((lot.unit_cost * qty for lot, qty in picks), Decimal("0"))
                dispense = None
                for lot, qty in picks:
                    dispense = Dispense(prescription_id=rx.id, lot_id=lot.id, quantity=qty, pharmacist_id=pharmacist_id)
                    self.session.add(dispense)
                rx.status = "dispensed"
                await self.session.commit()

        claim = await self.claims.adjudicate(rx, patient, pharmacy, cost)
        if claim.status == "rejected":
            log.info("claim rejected for rx %s; patient pays cash", rx.id)
        if rx.schedule is not None:
            await self.controlled.report_dispense(rx, pharmacy, rx.quantity)
        await audit.record(f"pharmacist:{pharmacist_id}", "rx.dispensed", "prescription", rx.id, claim=claim.id)
        assert dispense is not None
        return dispense

    async def return_to_stock(self, rx: Prescription, pharmacist_id: int) -> None:
        claim = await self.claims.repo.latest_for_prescription(rx.id)
        if claim is not None:
            await self.claims.reverse(claim, f"pharmacist:{pharmacist_id}")
        rx.status = "returned"
        await self.session.commit()
