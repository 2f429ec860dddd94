from __future__ import annotations

import asyncio
import logging
import uuid

from sqlalchemy.ext.asyncio import async_sessionmaker

from ..caches import CarrierCache
from ..config import settings
from ..errors import ComplianceFailed, Conflict, RateLimited
from ..locks import carrier_lock, load_lock
from ..metrics import BIDS_SUBMITTED
from ..models import Bid, LoadStatus
from ..repositories.bids import BidRepository
from ..repositories.loads import LoadRepository
from ..utils.resilience import LocalRateLimiter
from .compliance_service import ComplianceService
from .notification_service import NotificationService
from .tender_service import TenderService

log = logging.getLogger(__name__)

MIN_TRANSIT_HOURS = 1


class BidService:
    def __init__(
        self,
        session_factory: async_sessionmaker,
        carrier_cache: CarrierCache,
        compliance: ComplianceService,
        tenders: TenderService,
        notifications: NotificationService,
    ) -> None:
        self._sessions = session_factory
        self._carriers = carrier_cache
        self._compliance = compliance
        self._tenders = tenders
        self._notifications = notifications
        self._limiter = LocalRateLimiter(settings.max_bids_per_minute)

    async def submit(self, carrier_id: uuid.UUID, load_id: uuid.UUID, amount_cents: int,
                     transit_hours: int | None) -> Bid:
        if not self._limiter.allow(str(carrier_id)):
            raise RateLimited("too many bids, slow down")
        carrier = await self._carriers.get(carrier_id)
        if carrier is None or not carrier.authority_active or carrier.suspended:
            raise ComplianceFailed("carrier is not eligible to bid")
        async with self._sessions() as session, session.begin():
            load = await LoadRepository(session).get(load_id)
            if load.status is not LoadStatus.POSTED:
                raise Conflict("load is no longer accepting bids")
            if amount_cents <= 0:
                raise Conflict("bid must be positive")
            elif amount_cents > load.max_rate_cents * 2:
                raise Conflict("bid is more than double the posted maximum")
            elif amount_cents > load.max_rate_cents * 3:
                log.warning("outlier bid", extra={"load_id": str(load_id), "amount": amount_cents})
            if transit_hours is not None and transit_hours < MIN_TRANSIT_HOURS:
                raise Conflict("transit time too short")
            bid = Bid(load_id=load_id, carrier_id=carrier_id, amount_cents=amount_cents, transit_hours=transit_hours)
            BidRepository(session).add(bid)
        BIDS_SUBMITTED.labels(load.equipment).inc()
        asyncio.create_task(self._notifications.bid_received(load, amount_cents))
        return bid

    async def accept(self, shipper_id: uuid.UUID, bid_id: uuid.UUID) -> uuid.UUID:
        async with self._sessions() as session:
            bid = await BidRepository(session).get(bid_id)
            if bid is None:
                raise Conflict("bid not found")
            load = await LoadRepository(session).get(bid.load_id)
            if load.shipper_id != shipper_id:
                raise Conflict("bid not found")
            if load.status != LoadStatus.POSTED:
                raise Conflict("load already tendered")
            carrier = await self._carriers.get(bid.carrier_id)
            await self._compliance.assert_can_haul(carrier, load)
            load.status = LoadStatus.TENDERED
            load.carrier_id = bid.carrier_id
            bid.status = "won"
            await BidRepository(session).close_others(load.id, bid.id)
            await session.commit()
        tender = await self._tenders.offer(load.id, bid.carrier_id, bid.amount_cents, bid_id=bid.id)
        return tender.id

    async def withdraw(self, carrier_id: uuid.UUID, bid_id: uuid.UUID) -> None:
        async with self._sessions() as session, session.begin():
            bid = await BidRepository(session).get(bid_id)
            if bid is None or bid.carrier_id != carrier_id:
                raise Conflict("bid not found")
            async with load_lock(bid.load_id):
                async with carrier_lock(carrier_id):
                    if bid.status != "open":
                        raise Conflict("only open bids can be withdrawn")
                    bid.status = "withdrawn"
