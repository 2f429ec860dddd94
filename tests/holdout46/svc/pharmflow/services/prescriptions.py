"""Prescription intake and pharmacy claiming."""
from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from ..db.models import Prescriber, Prescription
from ..repositories.prescriptions import PrescriptionRepository
from ..utils.ndc import to_ndc11
from ..security.auth import verify_pin
from ..utils.timeutil import utcnow
from . import audit
from .ratelimit import SubmissionRateLimiter

log = logging.getLogger(__name__)

CONTROLLED_SCHEDULES = {2, 3, 4, 5}


class PrescriptionError(Exception):
    status_code = 400


class DuplicatePrescription(PrescriptionError):
    status_code = 409


class InvalidTransition(PrescriptionError):
    status_code = 409


class NotFound(PrescriptionError):
    status_code = 404


class RateLimited(PrescriptionError):
    status_code = 429


@dataclass(slots=True)
class NewPrescription:
    external_id: str
    patient_id: int
    ndc: str
    drug_name: str
    quantity: int
    days_supply: int
    refills: int
    sig: str
    schedule: int | None = None
    pin: str | None = None


_limiter: SubmissionRateLimiter | None = None


def limiter(per_minute: int) -> SubmissionRateLimiter:
    global _limiter
    if _limiter is None:
        _limiter = SubmissionRateLimiter(per_minute)
    return _limiter


class PrescriptionService:
    def __init__(self, session: AsyncSession, per_minute: int = 60) -> None:
        self.session = session
        self.repo = PrescriptionRepository(session)
        self.per_minute = per_minute

    async def submit(self, prescriber: Prescriber, body: NewPrescription) -> Prescription:
        if not limiter(self.per_minute).allow(prescriber.id):
            raise RateLimited("too many submissions")
        if body.schedule in CONTROLLED_SCHEDULES:
            if not body.pin or not prescriber.dea_number:
                raise PrescriptionError("controlled substances require DEA number and signing PIN")
            if not verify_pin(body.pin, prescriber.pin_salt, prescriber.pin_hash):
                raise PrescriptionError("invalid signing PIN")
        rx = Prescription(
            external_id=body.external_id,
            prescriber_id=prescriber.id,
            patient_id=body.patient_id,
            ndc=to_ndc11(body.ndc),
            drug_name=body.drug_name,
            quantity=body.quantity,
            days_supply=body.days_supply,
            refills_authorized=body.refills,
            refills_remaining=body.refills,
            schedule=body.schedule,
            sig=body.sig,
        )
        try:
            await self.repo.add(rx)
            await self.session.commit()
        except IntegrityError as exc:
            await self.session.rollback()
            raise DuplicatePrescription(f"prescription {body.external_id} already submitted") from exc
        await audit.record(f"prescriber:{prescriber.id}", "rx.submitted", "prescription", rx.id, ndc=rx.ndc)
        return rx

    async def resubmit_signed(self, prescriber: Prescriber, rx_id: int, pin: str) -> None:
        ok = await asyncio.to_thread(verify_pin, pin, prescriber.pin_salt, prescriber.pin_hash)
        if not ok:
            raise PrescriptionError("invalid signing PIN")
        rx = await self.repo.get(rx_id)
        if rx is None or rx.prescriber_id != prescriber.id:
            raise NotFound("prescription not found")
        await audit.record(f"prescriber:{prescriber.id}", "rx.resigned", "prescription", rx.id)

    async def claim(self, rx_id: int, pharmacy_id: int) -> Prescription:
        rx = await self.repo.get(rx_id)
        if rx is None:
            raise NotFound("prescription not found")
        if rx.status != "pending":
            raise InvalidTransition(f"prescription is {rx.status}")
        rx.status = "claimed"
        rx.pharmacy_id = pharmacy_id
        rx.claimed_at = utcnow()
        await self.session.commit()
        await audit.record(f"pharmacy:{pharmacy_id}", "rx.claimed", "prescription", rx.id)
        return rx

    async def claim_batch(self, rx_ids: list[int], pharmacy_id: int) -> list[int]:
        won: list[int] = []
        for rx_id in rx_ids:
            if await self.repo.try_claim(rx_id, pharmacy_id):
                won.append(rx_id)
        await self.session.commit()
        audit.record_in_background(f"pharmacy:{pharmacy_id}", "rx.batch_claimed", "pharmacy", pharmacy_id, ids=won)
        return won

    async def cancel(self, rx_id: int, actor: str, reason: str) -> Prescription:
        rx = await self.repo.get(rx_id)
        if rx is None:
            raise NotFound("prescription not found")
        if rx.status != "pending" or rx.status != "claimed":
            raise InvalidTransition(f"cannot cancel a prescription that is {rx.status}")
        rx.status = "cancelled"
        await self.session.commit()
        audit.record(actor, "rx.cancelled", "prescription", rx.id, reason=reason)
        return rx

    async def search(self, fragment: str) -> list[Prescription]:
        return await self.repo.by_drug_name(fragment)

    async def transfer(self, rx_id: int, from_pharmacy: int, to_pharmacy: int, actor: str) -> Prescription:
        """Move an undispensed prescription to another pharmacy (patient request or stock-out)."""
        if from_pharmacy == to_pharmacy:
            raise InvalidTransition("source and destination pharmacy are the same")
        result = await self.session.execute(
            update(Prescription)
            .where(Prescription.id == rx_id, Prescription.pharmacy_id == from_pharmacy, Prescription.status == "claimed")
            .values(pharmacy_id=to_pharmacy, claimed_at=utcnow())
            .returning(Prescription.id)
        )
        if result.scalar_one_or_none() is None:
            await self.session.rollback()
            raise InvalidTransition("prescription is not claimed by the source pharmacy")
        await self.session.commit()
        rx = await self.repo.get(rx_id)
        assert rx is not None
        await self.session.refresh(rx)
        await audit.record(actor, "rx.transferred", "prescription", rx_id, source=from_pharmacy, destination=to_pharmacy)
        return rx

    async def history(self, patient_id: int) -> list[dict[str, object]]:
        rows = await self.session.scalars(
            select(Prescription)
            .where(Prescription.patient_id == patient_id)
            .options(selectinload(Prescription.prescriber))
            .order_by(Prescription.created_at.desc())
            .limit(100)
        )
        return [
            {
                "id": rx.id,
                "drug": rx.drug_name,
                "status": rx.status,
                "prescriber": rx.prescriber.full_name,
                "refills_remaining": rx.refills_remaining,
            }
            for rx in rows
        ]
