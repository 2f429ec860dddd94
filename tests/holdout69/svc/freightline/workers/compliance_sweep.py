"""Re-check carriers against the registry every night."""
from __future__ import annotations

import logging
from datetime import datetime, timedelta, timezone

from sqlalchemy import text

from freightline.container import Services
from freightline.db.engine import sessionmaker
from freightline.repositories.carriers import CarrierRepository
from freightline.workers.base import PeriodicWorker

logger = logging.getLogger(__name__)

SWEEP_LOCK_KEY = 0x46_52_45_49


class ComplianceSweepWorker(PeriodicWorker):
    name = "compliance_sweep"
    interval = 3600.0

    def __init__(self, services: Services) -> None:
        self._services = services

    async def run_once(self) -> int:
        async with sessionmaker()() as session:
            got = (await session.execute(text("SELECT pg_try_advisory_xact_lock(:k)"), {"k": SWEEP_LOCK_KEY})).scalar()
            if not got:
                return 0
            carriers = await CarrierRepository(session).due_for_check(
                datetime.now(timezone.utc) - timedelta(hours=24), limit=500
            )
            if not carriers:
                return 0
            summary = await self._services.compliance(session).sweep(carriers)
        logger.info("compliance sweep: %s", summary)
        return len(carriers)
