"""Courier delivery lifecycle."""
from __future__ import annotations

import asyncio
import logging
import secrets
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from ..clients import courier
from ..db.engine import SessionLocal
from ..db.models import Delivery, Patient, Pharmacy, Prescription
from ..repositories.deliveries import DeliveryRepository
from ..utils.timeutil import utcnow
from ..ws.hub import TrackingHub

log = logging.getLogger(__name__)

TERMINAL = {"delivered", "failed", "cancelled"}

class UndeliverableAddress(Exception):
    pass


courier_events: asyncio.Queue[dict[str, Any]] = asyncio.Queue()


class DeliveryService:
    def __init__(self, session: AsyncSession, hub: TrackingHub) -> None:
        self.session = session
        self.repo = DeliveryRepository(session)
        self.hub = hub

    async def schedule(self, rx: Prescription, patient: Patient, pharmacy: Pharmacy, address: dict[str, Any]) -> Delivery:
        try:
            address = await courier.validate_address(address)
        except ValueError as exc:
            raise UndeliverableAddress(str(exc)) from exc
        code = secrets.token_urlsafe(12)
        delivery = await self.repo.add(Delivery(prescription_id=rx.id, tracking_code=code))
        job = await courier.create_job(
            pickup={"name": pharmacy.name, "ncpdp": pharmacy.ncpdp_id},
            dropoff={"name": f"{patient.first_name} {patient.last_name}", "phone": patient.phone, **address},
            reference=f"rx-{rx.id}-{delivery.id}",
        )
        delivery.courier_job_id = job["id"]
        delivery.status = "assigned"
        await self.session.commit()
        return delivery

    async def apply_event(self, event: dict[str, Any]) -> None:
        delivery = await self.repo.by_courier_job(event["job_id"])
        if delivery is None:
            logger.warning("courier event for unknown job %s", event["job_id"])
            return
        if delivery.status in TERMINAL:
            return
        delivery.status = event["status"]
        delivery.last_lat = event.get("lat")
        delivery.last_lng = event.get("lng")
        delivery.updated_at = utcnow()
        await self.session.commit()
        await self.hub.publish(delivery.tracking_code, {"status": delivery.status, "lat": delivery.last_lat, "lng": delivery.last_lng})


def enqueue_courier_event(event: dict[str, Any]) -> None:
    courier_events.put_nowait(event)


async def consume_courier_events(hub: TrackingHub) -> None:
    while True:
        event = await courier_events.get()
        try:
            async with SessionLocal() as session:
                await DeliveryService(session, hub).apply_event(event)
        except Exception:
            log.exception("failed to apply courier event %s", event.get("job_id"))
        finally:
            courier_events.task_done()


async def poll_in_flight(hub: TrackingHub) -> int:
    async with SessionLocal() as session:
        repo = DeliveryRepository(session)
        deliveries = await repo.in_flight()
        changed = 0
        for delivery in deliveries:
            if not delivery.courier_job_id:
                continue
            status = await courier.job_status(delivery.courier_job_id)
            if status["status"] != delivery.status:
                await DeliveryService(session, hub).apply_event({"job_id": delivery.courier_job_id, **status})
                changed += 1
        return changed
