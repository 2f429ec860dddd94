from __future__ import annotations

import logging
import uuid
from datetime import timedelta

from sqlalchemy.ext.asyncio import async_sessionmaker

from ..caches import CarrierCache
from ..clients.eld import EldClient
from ..config import settings
from ..errors import Conflict, NotFound
from ..locks import carrier_lock, load_lock
from ..models import LoadStatus, Tender, TenderStatus
from ..repositories.loads import LoadRepository
from ..repositories.loads import TenderRepository
from ..utils.timeutil import utcnow
from .notification_service import NotificationService
from .rate_conf_service import RateConfService

log = logging.getLogger(__name__)


class TenderService:
    def __init__(
        self,
        session_factory: async_sessionmaker,
        carrier_cache: CarrierCache,
        rate_confs: RateConfService,
        notifications: NotificationService,
        eld: EldClient,
    ) -> None:
        self._sessions = session_factory
        self._carriers = carrier_cache
        self._rate_confs = rate_confs
        self._notifications = notifications
        self._eld = eld

    async def offer(self, load_id: uuid.UUID, carrier_id: uuid.UUID, rate_cents: int,
                    bid_id: uuid.UUID | None = None) -> Tender:
        carrier = await self._carriers.get(carrier_id)
        if carrier is None:
            raise NotFound("carrier not found")
        async with load_lock(load_id):
            async with carrier_lock(carrier_id):
                async with self._sessions() as session, session.begin():
                    tenders = TenderRepository(session)
                    if await tenders.open_for_load(load_id) is not None:
                        raise Conflict("load already has an open tender")
                    load = await LoadRepository(session).get(load_id)
                    tender = Tender(
                        load_id=load_id,
                        carrier_id=carrier_id,
                        bid_id=bid_id,
                        rate_cents=rate_cents,
                        expires_at=utcnow() + timedelta(minutes=settings.tender_ttl_minutes),
                    )
                    tenders.add(tender)
        pdf, path = await self._rate_confs.generate(tender, load, carrier)
        tender.rate_conf_path = path
        self._notifications.tender_offered(tender, carrier, load, pdf)
        log.info("tender offered", extra={"tender_id": str(tender.id), "load_id": str(load_id)})
        return tender

    async def accept(self, carrier_id: uuid.UUID, tender_id: uuid.UUID, device_id: str | None) -> Tender:
        async with self._sessions() as session, session.begin():
            tender = await TenderRepository(session).get_for_update(tender_id)
            if tender is None or tender.carrier_id != carrier_id:
                raise NotFound("tender not found")
            if tender.status is not TenderStatus.OFFERED:
                raise Conflict(f"tender is {tender.status.value}")
            if tender.expires_at <= utcnow():
                raise Conflict("tender has expired")
            tender.status = TenderStatus.ACCEPTED
            tender.responded_at = utcnow()
            load = await LoadRepository(session).get_with_stops(tender.load_id)
            load.status = LoadStatus.BOOKED
            load.booked_rate_cents = tender.rate_cents
            stops = [{"seq": s.sequence, "kind": s.kind, "address": s.address} for s in load.stops]
        if device_id:
            await self._eld.push_assignment(device_id, load.reference, stops)
        await self._notifications.publish_load_event(load.id, "booked", {"carrier_id": str(carrier_id)})
        return tender

    async def decline(self, carrier_id: uuid.UUID, tender_id: uuid.UUID, reason: str | None = None) -> None:
        async with self._sessions() as session, session.begin():
            tender = await TenderRepository(session).get_for_update(tender_id)
            if tender is None or tender.carrier_id != carrier_id:
                raise NotFound("tender not found")
            tender.status = TenderStatus.DECLINED
            tender.responded_at = utcnow()
            await LoadRepository(session).mark_status(tender.load_id, LoadStatus.POSTED)
        log.info("tender declined", extra={"tender_id": str(tender_id), "carrier_id": str(carier_id), "reason": reason})
        await self._notifications.publish_load_event(tender.load_id, "tender_declined")
