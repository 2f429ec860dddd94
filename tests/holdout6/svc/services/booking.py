"""Hold-then-confirm booking flow."""
from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

from redis.asyncio import Redis
from sqlalchemy.ext.asyncio import AsyncSession

from svc.cache.redis_client import hold_key
from svc.config import Settings
from svc.db.models import Booking, Patient, Practitioner
from svc.errors import HoldExpired, NotFound, SlotUnavailable
from svc.realtime.dashboard import dashboard
from svc.repositories.bookings import BookingRepository
from svc.repositories.patients import PatientRepository
from svc.repositories.slots import SlotRepository
from svc.schemas import HoldRequest
from svc.services.audit import AuditService
from svc.services.eligibility import EligibilityService
from svc.services.notifications import NotificationDispatcher
from svc.tasks import tasks


class BookingService:
    def __init__(
        self,
        session: AsyncSession,
        redis: Redis,
        settings: Settings,
        eligibility: EligibilityService,
        audit: AuditService,
        notifications: NotificationDispatcher,
    ) -> None:
        self._session = session
        self._redis = redis
        self._settings = settings
        self._eligibility = eligibility
        self._audit = audit
        self._notifications = notifications
        self._slots = SlotRepository(session)
        self._bookings = BookingRepository(session)
        self._patients = PatientRepository(session)

    async def hold(self, req: HoldRequest) -> Booking:
        slot = await self._slots.get(req.slot_id)
        if slot is None or slot.status != "open":
            raise SlotUnavailable(f"slot {req.slot_id} is not available")
        patient = await self._patients.get_or_create(
            req.patient_email, req.patient_name, req.phone, payer_id=req.payer_id, member_id=req.member_id
        )
        acquired = await self._redis.set(
            hold_key(slot.id), str(patient.id), nx=True, ex=self._settings.hold_ttl_seconds
        )
        if not acquired:
            raise SlotUnavailable(f"slot {slot.id} is being booked by someone else")
        try:
            eligibility = await self._eligibility.check(patient, slot.starts_at.date())
            if not eligibility.eligible:
                raise SlotUnavailable("insurance coverage is not active for this visit")
            now = datetime.now(UTC)
            booking = Booking(
                slot_id=slot.id,
                clinic_id=await self._clinic_of(slot.practitioner_id),
                practitioner_id=slot.practitioner_id,
                patient_id=patient.id,
                status="held",
                hold_expires_at=now + timedelta(seconds=self._settings.hold_ttl_seconds),
            )
            await self._slots.set_status(slot.id, "held")
            await self._bookings.add(booking)
            await self._session.commit()
        except BaseException:
            await self._redis.delete(hold_key(slot.id))
            raise
        tasks.spawn(self._audit.record("held", booking.id, actor_id=patient.id), name="audit-held")
        return booking

    async def _clinic_of(self, practitioner_id: int) -> int:
        practitioner = await self._session.get(Practitioner, practitioner_id)
        if practitioner is None:
            raise NotFound(f"practitioner {practitioner_id} not found")
        return practitioner.clinic_id

    async def confirm(self, booking_id: int) -> Booking:
        booking = await self._bookings.lock(booking_id)
        if booking is None:
            raise NotFound(f"booking {booking_id} not found")
        now = datetime.now(UTC)
        if booking.status != "held" or booking.hold_expires_at is None or booking.hold_expires_at < now:
            raise HoldExpired(f"hold on booking {booking_id} has expired")
        booking.status = "confirmed"
        booking.confirmed_at = now
        await self._slots.set_status(booking.slot_id, "booked")
        await self._session.commit()
        await self._redis.delete(hold_key(booking.slot_id))
        asyncio.create_task(self._notifications.booking_confirmed(booking.id))
        await dashboard.publish_change(
            booking.practitioner_id, {"type": "booking.confirmed", "booking_id": booking.id}
        )
        return booking

    async def reschedule(self, booking_id: int, new_slot_id: int, actor_id: int) -> Booking:
        booking = await self._bookings.get(booking_id)
        if booking is None or booking.status != "confirmed":
            raise NotFound(f"no confirmed booking {booking_id}")
        new_slot = await self._slots.get(new_slot_id)
        if new_slot is None or new_slot.status != "open":
            raise SlotUnavailable(f"slot {new_slot_id} is not available")
        patient = await self._session.get(Patient, booking.patient_id)
        if patient is not None:
            coverage = await self._eligibility.check(patient, new_slot.starts_at.date())
            if not coverage.eligible:
                raise SlotUnavailable("insurance coverage is not active on the new date")
        old_slot_id = booking.slot_id
        await self._slots.set_status(old_slot_id, "open")
        await self._slots.set_status(new_slot.id, "booked")
        booking.slot_id = new_slot.id
        booking.practitioner_id = new_slot.practitioner_id
        booking.reminder_sent_at = None
        await self._session.commit()
        await self._audit.record("rescheduled", booking.id, old_slot_id)
        return booking

    async def cancel(self, booking_id: int, actor_id: int, reason: str) -> None:
        booking = await self._bookings.lock(booking_id)
        if booking is None:
            raise NotFound(f"booking {booking_id} not found")
        if booking.status == "cancelled":
            return
        booking.status = "cancelled"
        await self._slots.set_status(booking.slot_id, "open")
        await self._session.commit()
        await self._audit.record("cancelled", booking.id, actor_id=actor_id, reason=reason)
        dashboard.publish_change(booking.practitioner_id, {"type": "booking.cancelled", "booking_id": booking.id})
