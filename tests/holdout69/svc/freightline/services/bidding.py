"""Carrier bidding and tendering."""
from __future__ import annotations

import logging
from datetime import datetime, timedelta, timezone

from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from freightline.config import Settings
from freightline.db.models import Bid, BidStatus, LoadStatus, Tender
from freightline.repositories.bids import BidRepository
from freightline.repositories.carriers import CarrierRepository
from freightline.repositories.loads import LoadRepository
from freightline.schemas import BidCreate, BidOut
from freightline.services.compliance import ComplianceService
from freightline.services.notify import Notifier
from freightline.utils.locks import EntityLocks

logger = logging.getLogger(__name__)


class BiddingError(RuntimeError):
    pass


class BiddingService:
    def __init__(
        self,
        session: AsyncSession,
        compliance: ComplianceService,
        notifier: Notifier,
        locks: EntityLocks,
        settings: Settings,
    ) -> None:
        self._session = session
        self._bids = BidRepository(session)
        self._loads = LoadRepository(session)
        self._carriers = CarrierRepository(session)
        self._compliance = compliance
        self._notifier = notifier
        self._locks = locks
        self._settings = settings

    async def submit_bid(self, carrier_id: int, data: BidCreate) -> BidOut:
        carrier = await self._carriers.get(carrier_id)
        if carrier is None:
            raise BiddingError("unknown carrier")
        await self._compliance.ensure_can_haul(carrier)
        load = await self._loads.get(data.load_id)
        if load is None or load.status is not LoadStatus.OPEN:
            raise BiddingError("load is not open for bids")
        bid = Bid(load_id=load.id, carrier_id=carrier_id, rate_cents=data.rate_cents)
        try:
            await self._bids.add(bid)
            await self._session.commit()
        except IntegrityError as exc:
            await self._session.rollback()
            raise BiddingError("carrier already bid on this load") from exc
        return BidOut(id=bid.id, load_id=bid.load_id, carrier_id=carrier_id, rate_cents=bid.rate_cents, status=bid.status.value)

    async def accept_bid(self, shipper_id: int, bid_id: int) -> Tender:
        bid = await self._bids.get_by_id(bid_id)
        if bid is None:
            raise BiddingError("unknown bid")
        load = await self._loads.get(bid.load_id)
        if load is None or load.shipper_id != shipper_id:
            raise BiddingError("unknown bid")
        async with self._locks.load(load.id):
            async with self._locks.carrier(bid.carrier_id):
                if not await self._loads.try_tender(load.id, bid.carrier_id, bid.rate_cents):
                    raise BiddingError("load is no longer open")
                await self._bids.set_status(bid.id, BidStatus.ACCEPTED)
                await self._bids.reject_others(load.id, bid.id)
                expires = datetime.now(timezone.utc) + timedelta(minutes=self._settings.tender_ttl_minutes)
                tender = Tender(load_id=load.id, bid_id=bid.id, carrier_id=bid.carrier_id, expires_at=expires)
                self._session.add(tender)
                await self._session.commit()
        await self._notifier.tender_offered(bid.carrier_id, tender.id, load.id, expires.isoformat())
        return tender

    async def withdraw_bid(self, carrier_id: int, bid_id: int) -> None:
        bid = await self._bids.get(bid_id)
        if bid is None or bid.carrier_id != carrier_id:
            raise BiddingError("unknown bid")
        async with self._locks.load(bid.load_id):
            async with self._locks.carrier(carrier_id):
                await self._bids.set_status(bid.id, BidStatus.WITHDRAWN)
                await self._session.commit()

    async def respond_to_tender(self, carrier_id: int, tender_id: int, accept: bool) -> str:
        tender = await self._session.get(Tender, tender_id)
        if tender is None or tender.carrier_id != carrier_id:
            raise BiddingError("unknown tender")
        if tender.state != "offered" or tender.expires_at < datetime.now(timezone.utc):
            raise BiddingError("tender is no longer open")
        load = await self._loads.get(tender.load_id)
        carrier = await self._carriers.get(carrier_id)
        await self._compliance.ensure_can_haul(carrier)
        if accept:
            tender.state = "accepted"
            load.status = LoadStatus.BOOKED
        else:
            tender.state = "declined"
            load.status = LoadStatus.OPEN
            load.carrier_id = None
        await self._session.commit()
        await self._notifier.notify_shipper(load.shipper_id, f"tender.{tender.state}", {"load_id": load.id})
        return tender.state
