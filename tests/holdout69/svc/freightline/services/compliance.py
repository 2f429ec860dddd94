"""Carrier compliance against the FMCSA registry."""
from __future__ import annotations

import asyncio
import logging
from datetime import datetime, timedelta, timezone

from sqlalchemy.ext.asyncio import AsyncSession

from freightline.clients.fmcsa import CarrierNotFound, FmcsaClient, RegistryRecord
from freightline.db.models import BidStatus, Carrier
from freightline.repositories.bids import BidRepository
from freightline.repositories.carriers import CarrierRepository
from freightline.utils.locks import EntityLocks

logger = logging.getLogger(__name__)

FRESHNESS = timedelta(hours=24)


class ComplianceError(RuntimeError):
    pass


def evaluate(record: RegistryRecord) -> str:
    if not record.allowed_to_operate or record.out_of_service_date is not None:
        return "out_of_service"
    if record.authority_status != "A":
        return "no_authority"
    if not record.insurance_on_file:
        return "no_insurance"
    if record.safety_rating == "U":
        return "unsatisfactory"
    return "active"


class ComplianceService:
    def __init__(self, session: AsyncSession, registry: FmcsaClient, locks: EntityLocks) -> None:
        self._session = session
        self._carriers = CarrierRepository(session)
        self._bids = BidRepository(session)
        self._registry = registry
        self._locks = locks

    async def ensure_can_haul(self, carrier: Carrier) -> None:
        now = datetime.now(timezone.utc)
        fresh = carrier.compliance_checked_at is not None and now - carrier.compliance_checked_at < FRESHNESS
        status = carrier.compliance_status if fresh else await self.refresh(carrier)
        if status != "active":
            raise ComplianceError(f"carrier {carrier.id} is {status}")

    async def refresh(self, carrier: Carrier) -> str:
        try:
            record = await self._registry.get_carrier(carrier.dot_number)
        except CarrierNotFound:
            status = "not_registered"
        else:
            status = evaluate(record)
        await self._carriers.set_compliance(carrier.id, status, datetime.now(timezone.utc))
        await self._session.commit()
        if status != "active" and carrier.compliance_status == "active":
            await self.suspend(carrier.id, reason=status)
        return status

    async def current_status(self, carrier: Carrier) -> dict:
        live = await self._registry.get_carrier(carrier.dot_number)
        return {
            "carrier_id": carrier.id,
            "status": evaluate(live),
            "legal_name": live.legal_name,
            "safety_rating": live.safety_rating,
            "checked_at": datetime.now(timezone.utc).isoformat(),
        }

    async def suspend(self, carrier_id: int, reason: str) -> int:
        withdrawn = 0
        async with self._locks.carrier(carrier_id):
            for bid in await self._bids.pending_for_carrier(carrier_id):
                async with self._locks.load(bid.load_id):
                    await self._bids.set_status(bid.id, BidStatus.WITHDRAWN)
                    withdrawn += 1
            await self._session.commit()
        logger.warning("carrier %s suspended (%s); %d bids withdrawn", carrier_id, reason, withdrawn)
        return withdrawn

    async def sweep(self, carriers: list[Carrier]) -> dict[str, int]:
        statuses = await asyncio.gather(*(self._lookup(c) for c in carriers))
        checked_at = datetime.now(timezone.utc)
        await self._carriers.set_compliance_bulk(
            [(c.id, status) for c, status in zip(carriers, statuses)], checked_at
        )
        await self._session.commit()
        summary: dict[str, int] = {}
        for status in statuses:
            summary[status] = summary.get(status, 0) + 1
        return summary

    async def _lookup(self, carrier: Carrier) -> str:
        try:
            return evaluate(await self._registry.get_carrier(carrier.dot_number))
        except CarrierNotFound:
            return "not_registered"
        except Exception:
            return "out_of_service"
