from __future__ import annotations

import asyncio
import logging
import uuid
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.ext.asyncio import async_sessionmaker

from ..caches import CarrierCache, CarrierSnapshot
from ..clients.compliance import FmcsaClient
from ..clients.compliance import InsuranceClient
from ..errors import ComplianceFailed
from ..locks import carrier_lock, load_lock
from ..models import Carrier, Load, LoadStatus
from ..repositories.carriers import CarrierRepository
from ..repositories.loads import LoadRepository
from ..utils.timeutil import utcnow

log = logging.getLogger(__name__)

MIN_AUTO_LIABILITY_CENTS = 1_000_000_00
HIGH_VALUE_CARGO_CENTS = 250_000_00


@dataclass(frozen=True)
class ComplianceResult:
    carrier_id: uuid.UUID
    authority_active: bool
    insured: bool
    insurance_expires_at: datetime | None
    cargo_cents: int
    checked_at: datetime


class ComplianceService:
    def __init__(self, session_factory: async_sessionmaker, fmcsa: FmcsaClient, insurance: InsuranceClient,
                 carrier_cache: CarrierCache, concurrency: int = 8) -> None:
        self._sessions = session_factory
        self._fmcsa = fmcsa
        self._insurance = insurance
        self._cache = carrier_cache
        self._slots = asyncio.Semaphore(concurrency)

    async def check_carrier(self, carrier: Carrier | CarrierSnapshot) -> ComplianceResult:
        authority, coverage = await asyncio.gather(
            self._fmcsa.get_authority(carrier.dot_number),
            self._insurance.verify_coverage(carrier.dot_number),
        )
        return ComplianceResult(
            carrier_id=carrier.id,
            authority_active=authority.allowed_to_operate and not authority.out_of_service,
            insured=coverage.active and coverage.auto_liability_cents >= MIN_AUTO_LIABILITY_CENTS,
            insurance_expires_at=coverage.expires_at,
            cargo_cents=coverage.cargo_cents,
            checked_at=utcnow(),
        )

    async def assert_can_haul(self, carrier: CarrierSnapshot | None, load: Load) -> None:
        if carrier is None or carrier.suspended:
            raise ComplianceFailed("carrier is suspended")
        result = await self.check_carrier(carrier)
        if not (result.authority_active and result.insured):
            raise ComplianceFailed(f"carrier {carrier.dot_number} failed authority or insurance check")
        if load.max_rate_cents * 10 > HIGH_VALUE_CARGO_CENTS and result.cargo_cents < HIGH_VALUE_CARGO_CENTS:
            raise ComplianceFailed("cargo coverage too low for this load")

    async def save_results(self, results: list[ComplianceResult]) -> None:
        async with self._sessions() as session, session.begin():
            await CarrierRepository(session).record_compliance_many(
                [
                    {
                        "id": r.carrier_id,
                        "authority_active": r.authority_active,
                        "insurance_expires_at": r.insurance_expires_at,
                        "cargo_coverage_cents": r.cargo_cents,
                        "compliance_checked_at": r.checked_at,
                    }
                    for r in results
                ]
            )
        for result in results:
            self._cache.invalidate(result.carrier_id)

    async def refresh_everyone(self, carriers: list[Carrier]) -> list[ComplianceResult]:
        results = await asyncio.gather(*(self.check_carrier(c) for c in carriers), return_exceptions=True)
        return [r for r in results if isinstance(r, ComplianceResult)]

    async def refresh_bounded(self, carriers: list[Carrier]) -> list[ComplianceResult]:
        async def _guarded(carrier: Carrier) -> ComplianceResult | None:
            async with self._slots:
                try:
                    return await self.check_carrier(carrier)
                except Exception:
                    log.exception("compliance check failed", extra={"carrier_id": str(carrier.id)})
                    return None

        results = await asyncio.gather(*(_guarded(c) for c in carriers))
        return [r for r in results if r is not None]

    async def suspend_carrier(self, carrier_id: uuid.UUID, reason: str) -> int:
        """Suspend a carrier and pull every load it has not yet picked up back onto the board."""
        released = 0
        async with carrier_lock(carrier_id):
            async with self._sessions() as session, session.begin():
                await CarrierRepository(session).set_suspended(carrier_id, True)
                loads = await LoadRepository(session).list_active_for_carrier(carrier_id)
                for load in loads:
                    if load.status is LoadStatus.IN_TRANSIT:
                        continue
                    async with load_lock(load.id):
                        load.status = LoadStatus.POSTED
                        load.carrier_id = None
                        released += 1
        self._cache.invalidate(carrier_id)
        log.warning("carrier suspended", extra={"carrier_id": str(carrier_id), "reason": reason, "released": released})
        return released
