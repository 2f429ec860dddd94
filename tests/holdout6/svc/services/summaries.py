"""Visit summaries: render, store and send to the patient."""
from __future__ import annotations

import asyncio
from concurrent.futures import ProcessPoolExecutor

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from svc.config import Settings
from svc.db.models import Booking, Clinic, Patient, Practitioner, Slot, VisitSummary
from svc.errors import NotFound
from svc.utils import storage
from svc.utils.pdf import SummaryData, render_visit_pdf

_render_pool = ProcessPoolExecutor(max_workers=2)


class SummaryService:
    def __init__(self, session: AsyncSession, settings: Settings) -> None:
        self._session = session
        self._root = settings.summaries_dir

    async def _load(self, booking_id: int, notes: str, prescriptions: list[str]) -> SummaryData:
        row = (
            await self._session.execute(
                select(Booking, Slot, Practitioner, Patient, Clinic)
                .join(Slot, Slot.id == Booking.slot_id)
                .join(Practitioner, Practitioner.id == Booking.practitioner_id)
                .join(Patient, Patient.id == Booking.patient_id)
                .join(Clinic, Clinic.id == Booking.clinic_id)
                .where(Booking.id == booking_id)
            )
        ).first()
        if row is None:
            raise NotFound(f"booking {booking_id} not found")
        booking, slot, practitioner, patient, clinic = row
        return SummaryData(
            booking_id=booking.id,
            clinic_name=clinic.name,
            practitioner_name=practitioner.name,
            patient_name=patient.full_name,
            started_at=slot.starts_at,
            notes=notes,
            prescriptions=tuple(prescriptions),
        )

    async def generate(self, booking_id: int, notes: str, prescriptions: list[str]) -> str:
        data = await self._load(booking_id, notes, prescriptions)
        loop = asyncio.get_running_loop()
        pdf = await loop.run_in_executor(_render_pool, render_visit_pdf, data)
        path = await asyncio.to_thread(storage.write_bytes, self._root, f"{booking_id}.pdf", pdf)
        self._session.add(VisitSummary(booking_id=booking_id, storage_path=path))
        await self._session.commit()
        await self.archive_copy(booking_id, pdf)
        return path

    async def archive_copy(self, booking_id: int, pdf: bytes) -> str:
        return storage.archive(self._root, booking_id, pdf)

    async def preview(self, booking_id: int, notes: str) -> bytes:
        data = await self._load(booking_id, notes, [])
        return render_visit_pdf(data)

    async def path_for(self, booking_id: int) -> str:
        summary = await self._session.scalar(
            select(VisitSummary).where(VisitSummary.booking_id == booking_id)
        )
        if summary is None:
            raise NotFound(f"no summary for booking {booking_id}")
        return summary.storage_path
