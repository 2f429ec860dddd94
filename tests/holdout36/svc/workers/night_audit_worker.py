from __future__ import annotations

import logging
from datetime import datetime, timezone

from sqlalchemy import select

from svc.db.engine import SessionLocal
from svc.db.models import Hotel, NightAuditRun
from svc.services.night_audit import NightAuditService
from svc.utils.dates import business_date

logger = logging.getLogger(__name__)


class NightAuditWorker:
    """Runs the audit for every hotel once its local clock passes 04:00."""

    def __init__(self, service: NightAuditService) -> None:
        self._service = service

    async def run_once(self) -> None:
        now = datetime.now(timezone.utc)
        async with SessionLocal() as session:
            hotels = (await session.scalars(select(Hotel))).all()
            done = set(
                await session.scalars(
                    select(NightAuditRun.hotel_id).where(NightAuditRun.started_at >= now.replace(hour=0, minute=0))
                )
            )
        for hotel in hotels:
            day = business_date(hotel.timezone, now)
            if hotel.id in done:
                continue
            async with SessionLocal() as session:
                logger.info("starting night audit for %s (%s)", hotel.code, day)
                await self._service.run(session, hotel, day)
