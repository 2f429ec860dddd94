from __future__ import annotations

import asyncio
import logging
import time
from datetime import timedelta

import redis.asyncio as aioredis
from redis.exceptions import LockError
from sqlalchemy.ext.asyncio import async_sessionmaker

from ..clients.compliance import FmcsaClient
from ..config import settings
from ..repositories.carriers import CarrierRepository
from ..services.compliance_service import ComplianceService
from ..utils.timeutil import utcnow

log = logging.getLogger(__name__)

REFRESH_AGE = timedelta(hours=24)
RUN_EVERY_SECONDS = 900


class ComplianceRefreshWorker:
    """Re-checks operating authority and insurance for carriers not verified in the last day."""

    def __init__(self, session_factory: async_sessionmaker, compliance: ComplianceService, fmcsa: FmcsaClient,
                 redis: aioredis.Redis) -> None:
        self._sessions = session_factory
        self._compliance = compliance
        self._fmcsa = fmcsa
        self._redis = redis

    async def _authority_sweep(self) -> int:
        async with self._sessions() as session:
            carriers = await CarrierRepository(session).due_for_refresh(utcnow() - REFRESH_AGE)
        revoked = 0
        for carrier in carriers:
            authority = await self._fmcsa.get_authority(carrier.dot_number)
            if not authority.allowed_to_operate or authority.out_of_service:
                await self._compliance.suspend_carrier(carrier.id, "fmcsa authority inactive")
                revoked += 1
            time.sleep(settings.fmcsa_throttle_seconds)
        return revoked

    async def _insurance_sweep(self) -> int:
        async with self._sessions() as session:
            carriers = await CarrierRepository(session).due_for_refresh(utcnow() - REFRESH_AGE)
        results = await self._compliance.refresh_bounded(carriers)
        await self._compliance.save_results(results)
        return len(results)

    async def run(self) -> None:
        while True:
            try:
                async with self._redis.lock("locks:compliance-refresh", timeout=1800, blocking_timeout=0):
                    revoked = await self._authority_sweep()
                    refreshed = await self._insurance_sweep()
                    log.info("compliance refresh done", extra={"revoked": revoked, "refreshed": refreshed})
            except LockError:
                log.debug("another replica holds the compliance refresh lock")
            await asyncio.sleep(RUN_EVERY_SECONDS)
