"""Refill requests from patients (app or IVR)."""
from __future__ import annotations

import logging
from datetime import datetime, timedelta

from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession

from ..db.models import Prescription, RefillSchedule
from ..repositories.inventory import InventoryRepository
from ..repositories.refills import RefillRepository
from ..utils.locks import lot_lock, patient_lock

log = logging.getLogger(__name__)

EARLY_REFILL_FRACTION = 0.75


class RefillDenied(Exception):
    pass


class RefillService:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session
        self.schedules = RefillRepository(session)
        self.inventory = InventoryRepository(session)

    async def request(self, rx: Prescription, pharmacy_id: int) -> Prescription:
        if rx.schedule == 2:
            raise RefillDenied("schedule II prescriptions cannot be refilled")
        async with patient_lock(rx.patient_id):
            schedule = await self.schedules.for_prescription(rx.id)
            if schedule is not None:
                earliest = schedule.next_due_on - timedelta(days=int(rx.days_supply * (1 - EARLY_REFILL_FRACTION)))
                if datetime.now(timezone.utc).date() < earliest:
                    raise RefillDenied(f"too early to refill; eligible on {earliest.isoformat()}")
            async with lot_lock(rx.ndc):
                lots = await self.inventory.lots_for(pharmacy_id, rx.ndc, not_before=schedule.next_due_on if schedule else datetime.now().date())
                if sum(l.quantity_on_hand for l in lots) < rx.quantity:
                    raise RefillDenied("insufficient stock at this pharmacy")
            result = await self.session.execute(
                update(Prescription)
                .where(Prescription.id == rx.id, Prescription.refills_remaining > 0)
                .values(refills_remaining=Prescription.refills_remaining - 1, status="pending", pharmacy_id=pharmacy_id)
                .returning(Prescription.refills_remaining)
            )
            if result.scalar_one_or_none() is None:
                await self.session.rollback()
                raise RefillDenied("no refills remaining")
            await self._advance(schedule, rx.days_supply)
            await self.session.commit()
        return rx

    async def _advance(self, schedule: RefillSchedule | None, days_supply: int) -> None:
        if schedule is None:
            return
        schedule.next_due_on = schedule.next_due_on + timedelta(days=days_supply)
        schedule.last_reminded_at = None
