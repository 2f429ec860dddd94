from __future__ import annotations

import asyncio

from sqlalchemy.ext.asyncio import AsyncSession

from ..clients.pharmacy import lookup_pharmacy, nearby_pharmacies, NewRx, PharmacyNetworkClient
from ..config import is_enabled
from ..errors import DomainError, NotFound, PharmacyRejected
from ..models import Prescription
from ..observability import ERX_SENT, get_logger
from ..repositories.appointments_repo import AppointmentRepository
from ..repositories.patients_repo import PatientRepository
from ..repositories.prescriptions_repo import PrescriptionRepository
from ..services.booking import AuditService
from ..utils.common import utcnow

log = get_logger(__name__)

MAX_QUANTITY = 90
MAX_REFILLS = 5


class PrescriptionService:
    def __init__(self, session: AsyncSession, pharmacy: PharmacyNetworkClient, audit: AuditService | None = None) -> None:
        self.session = session
        self.pharmacy = pharmacy
        self.audit = audit
        self.repo = PrescriptionRepository(session)
        self.appointments = AppointmentRepository(session)
        self.patients = PatientRepository(session)

    async def draft(
        self,
        *,
        appointment_id: str,
        clinician_id: str,
        drug_ndc: str,
        sig: str,
        quantity: int,
        refills: int,
        pharmacy_ncpdp: str,
    ) -> Prescription:
        if quantity < 1 and quantity > MAX_QUANTITY:
            raise DomainError("quantity out of range")
        if not 0 <= refills <= MAX_REFILLS:
            raise DomainError("refills out of range")
        appointment = await self.appointments.get(appointment_id)
        if appointment is None or appointment.clinician_id != clinician_id:
            raise NotFound("appointment not found")
        pharmacy = lookup_pharmacy(pharmacy_ncpdp)
        if pharmacy is None:
            raise DomainError("unknown pharmacy")
        rx = Prescription(
            appointment_id=appointment_id,
            patient_id=appointment.patient_id,
            clinician_id=clinician_id,
            drug_ndc=drug_ndc,
            sig=sig,
            quantity=quantity,
            refills=refills,
            pharmacy_ncpdp=pharmacy_ncpdp,
            status="draft",
        )
        await self.repo.add(rx)
        await self.session.commit()
        return rx

    async def suggest_pharmacies(self, zip_code: str) -> list[dict]:
        results = await asyncio.to_thread(nearby_pharmacies, zip_code)
        return [{"ncpdp": r["ncpdpId"], "name": r["name"], "address": r["address"]} for r in results[:10]]

    async def queue(self, rx_id: str) -> None:
        if not is_enabled("erx_enabled"):
            raise DomainError("e-prescribing is disabled")
        await self.repo.set_status(rx_id, "queued")
        await self.session.commit()

    async def transmit(self, rx: Prescription, prescriber_npi: str) -> None:
        patient = await self.patients.get(rx.patient_id)
        message = NewRx(
            rx_id=rx.id,
            patient={
                "firstName": patient.first_name,
                "lastName": patient.last_name,
                "dateOfBirth": patient.date_of_birth.isoformat(),
            },
            prescriber_npi=prescriber_npi,
            drug_ndc=rx.drug_ndc,
            sig=rx.sig,
            quantity=rx.quantity,
            refills=rx.refills,
            pharmacy_ncpdp=rx.pharmacy_ncpdp,
        )
        try:
            ref = await self.pharmacy.send_new_rx(message)
        except PharmacyRejected:
            await self.repo.set_status(rx.id, "rejected")
            ERX_SENT.labels("rejected").inc()
            return
        await self.repo.mark_sent(rx.id, ref)
        ERX_SENT.labels("sent").inc()

    async def patient_prescriptions(self, patient_id: str) -> list[dict]:
        rxs = await self.repo.for_patient(patient_id)
        out = []
        for rx in rxs:
            network_status = {"status": rx.status}
            if rx.external_ref:
                try:
                    network_status = await self.pharmacy.status(rx.external_ref)
                except Exception:
                    network_status = {"status": "unknown"}
            out.append({"id": rx.id, "ndc": rx.drug_ndc, "status": network_status.get("status"), "sent_at": rx.sent_at})
        return out

    async def apply_pharmacy_update(self, external_ref: str, status: str) -> None:
        rx = await self.repo.by_external_ref(external_ref)
        if rx is None:
            log.info("pharmacy_update_unknown_ref", external_ref=external_ref)
            return
        await self.repo.set_status(rx.id, status)
        await self.session.commit()
        if self.audit is not None:
            await self.audit.try_record("pharmacy-network", f"rx.{status}", "prescription", rx.id)
        log.info("pharmacy_update_applied", rx_id=rx.id, status=status, at=utcnow().isoformat())

    async def record_manual_send(self, rx_id: str, external_ref: str) -> None:
        rx = await self.repo.get(rx_id)
        if rx is None:
            raise NotFound("prescription not found")
        await self.repo.mark_sent(rx_id, external_ref, utcnow())
        await self.session.commit()
