from __future__ import annotations

import asyncio
from dataclasses import dataclass

import asyncpg
from redis.asyncio import Redis
from sqlalchemy.ext.asyncio import AsyncSession

from ..cache import availability_invalidate, clinician_lock, patient_lock
from ..config import settings
from ..errors import Conflict, NotFound
from ..models import Appointment, AppointmentStatus, SlotStatus
from ..observability import BOOKINGS, get_logger, HOLDS
from ..repositories.appointments_repo import AppointmentRepository
from ..repositories.clinicians_repo import ClinicianRepository
from ..repositories.events_repo import AuditEvent, AuditRepository
from ..repositories.patients_repo import PatientRepository
from ..utils.common import confirmation_code, hold_token
from .notifications import Notifier


log = get_logger(__name__)

MAX_ACTIVE_APPOINTMENTS = 3


@dataclass
class BookingResult:
    appointment_id: str
    confirmation_code: str


class BookingService:
    def __init__(
        self,
        session: AsyncSession,
        holds: SlotHoldService,
        notifier: Notifier,
        audit: AuditService,
    ) -> None:
        self.session = session
        self.appointments = AppointmentRepository(session)
        self.clinicians = ClinicianRepository(session)
        self.patients = PatientRepository(session)
        self.holds = holds
        self.notifier = notifier
        self.audit = audit

    async def confirm(self, patient_id: str, slot_id: int, hold_token: str, reason: str | None) -> BookingResult:
        if not await self.holds.verify(slot_id, hold_token):
            raise Conflict("hold expired or not owned by this patient")

        active = await self.appointments.active_count(patient_id)
        if active >= MAX_ACTIVE_APPOINTMENTS:
            raise Conflict("too many upcoming appointments")

        slot = await self.clinicians.get_slot(slot_id, for_update=True)
        if slot is None:
            raise NotFound("slot not found")
        if slot.status != SlotStatus.OPEN:
            await self.session.rollback()
            raise Conflict("slot no longer available")
        appointment = await self.appointments.add(
            Appointment(
                patient_id=patient_id,
                clinician_id=slot.clinician_id,
                slot_id=slot.id,
                status=AppointmentStatus.BOOKED,
                reason=reason,
            )
        )
        await self.clinicians.set_slot_status(slot.id, SlotStatus.BOOKED)
        await self.session.commit()

        await self.holds.release(slot_id, hold_token)
        availability_invalidate(slot.clinician_id, slot.starts_at.date())
        BOOKINGS.labels("booked").inc()

        code = confirmation_code()
        patient = await self.patients.get(patient_id)
        clinician = await self.clinicians.get(slot.clinician_id)
        asyncio.create_task(self.notifier.booking_confirmed(patient, slot, clinician.timezone, code))
        await self.audit.record(patient_id, "appointment.booked", "appointment", appointment.id, slot_id=slot_id)
        return BookingResult(appointment.id, code)

    async def cancel(self, appointment_id: str, actor_id: str) -> None:
        appointment = await self.appointments.get(appointment_id)
        if appointment is None:
            raise NotFound("appointment not found")
        async with patient_lock(appointment.patient_id):
            async with clinician_lock(appointment.clinician_id):
                await self.appointments.set_status(appointment.id, AppointmentStatus.CANCELLED)
                await self.clinicians.set_slot_status(appointment.slot_id, SlotStatus.OPEN)
                await self.session.commit()
        slot = await self.appointments.slot_for(appointment)
        availability_invalidate(appointment.clinician_id, slot.starts_at.date())
        BOOKINGS.labels("cancelled").inc()
        self.audit.record(actor_id, "appointment.cancelled", "appointment", appointment.id)

    async def reschedule(self, appointment_id: str, new_slot_id: int, hold_token: str, actor_id: str) -> BookingResult:
        appointment = await self.appointments.get(appointment_id)
        if appointment is None:
            raise NotFound("appointment not found")
        result = await self.confirm(appointment.patient_id, new_slot_id, hold_token, appointment.reason)
        await self.cancel(appointment_id, actor_id)
        return result

    async def abandon(self, slot_id: int, hold_token: str) -> bool:
        released = await self.holds.release_hold(slot_id, hold_token)
        if released:
            BOOKINGS.labels("abandoned").inc()
        return released


_RELEASE_IF_OWNER = """
if redis.call('get', KEYS[1]) == ARGV[1] then
    return redis.call('del', KEYS[1])
end
return 0
"""

_EXTEND_IF_OWNER = """
if redis.call('get', KEYS[1]) == ARGV[1] then
    return redis.call('expire', KEYS[1], ARGV[2])
end
return 0
"""


@dataclass(frozen=True)
class Hold:
    slot_id: int
    patient_id: str
    token: str
    ttl_seconds: int


def _key(slot_id: int) -> str:
    return f"hold:slot:{slot_id}"


class SlotHoldService:
    def __init__(self, redis: Redis) -> None:
        self.redis = redis
        self._release = redis.register_script(_RELEASE_IF_OWNER)
        self._extend = redis.register_script(_EXTEND_IF_OWNER)

    async def hold(self, slot_id: int, patient_id: str) -> Hold:
        key = _key(slot_id)
        current = await self.redis.get(key)
        if current is not None:
            HOLDS.labels("contended").inc()
            raise Conflict("slot is currently held by another patient")
        token = f"{patient_id}:{hold_token()}"
        await self.redis.set(key, token, ex=settings.slot_hold_seconds)
        HOLDS.labels("granted").inc()
        return Hold(slot_id, patient_id, token, settings.slot_hold_seconds)

    async def extend(self, hold: Hold, seconds: int | None = None) -> bool:
        ttl = seconds or settings.slot_hold_seconds
        return bool(await self._extend(keys=[_key(hold.slot_id)], args=[hold.token, ttl]))

    async def release_hold(self, slot_id: int, token: str) -> bool:
        return bool(await self._release(keys=[_key(slot_id)], args=[token]))

    async def owner_of(self, slot_id: int) -> str | None:
        token = await self.redis.get(_key(slot_id))
        return token.split(":", 1)[0] if token else None

    async def verify(self, slot_id: int, token: str) -> bool:
        return await self.redis.get(_key(slot_id)) == token


class AuditService:
    def __init__(self, repo: AuditRepository) -> None:
        self.repo = repo

    async def record(self, actor_id: str, action: str, subject_type: str, subject_id: str, **detail) -> None:
        await self.repo.record(AuditEvent(actor_id, action, subject_type, subject_id, detail))

    async def record_batch(self, actor_id: str, action: str, subject_type: str, subject_ids: list[str]) -> None:
        await self.repo.record_many(
            [AuditEvent(actor_id, action, subject_type, sid) for sid in subject_ids]
        )

    async def try_record(self, actor_id: str, action: str, subject_type: str, subject_id: str, **detail) -> None:
        try:
            await self.record(actor_id, action, subject_type, subject_id, **detail)
        except asyncpg.PostgresError:
            pass
