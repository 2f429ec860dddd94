"""Promotes rollout waves whose scheduled time has come, and re-evaluates running campaigns."""
from __future__ import annotations

import asyncio
import logging

from sqlalchemy import select
from sqlalchemy.ext.asyncio import async_sessionmaker

from ..db.models import Campaign
from ..repositories.campaigns import CampaignRepository
from ..services.rollout import RolloutService
from ..utils.time import utcnow

logger = logging.getLogger(__name__)


class WavePromoter:
    def __init__(self, session_factory: async_sessionmaker, service_factory, interval: float) -> None:
        self._session_factory = session_factory
        self._service_factory = service_factory
        self._interval = interval
        self._stop = asyncio.Event()

    def stop(self) -> None:
        self._stop.set()

    async def run(self) -> None:
        while not self._stop.is_set():
            await self.promote_due()
            await self.evaluate_running()
            try:
                await asyncio.wait_for(self._stop.wait(), timeout=self._interval)
            except TimeoutError:
                pass

    async def promote_due(self) -> int:
        async with self._session_factory() as session:
            async with session.begin():
                waves = await CampaignRepository(session).claim_due_waves(utcnow())
                for wave in waves:
                    wave.status = "starting"
                wave_ids = [w.id for w in waves]
        for wave_id in wave_ids:
            async with self._session_factory() as session:
                service: RolloutService = self._service_factory(session)
                started = await service.start_wave(wave_id)
                logger.info("promoted wave %s (%d devices)", wave_id, started)
        return len(wave_ids)

    async def evaluate_running(self) -> None:
        async with self._session_factory() as session:
            stmt = select(Campaign.id).where(Campaign.status == "running")
            campaign_ids = list((await session.execute(stmt)).scalars())
            service: RolloutService = self._service_factory(session)
            for campaign_id in campaign_ids:
                await service.evaluate_health(campaign_id)
