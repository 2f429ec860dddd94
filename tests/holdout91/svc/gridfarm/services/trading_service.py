from __future__ import annotations

import logging
from datetime import date

import httpx
from sqlalchemy.ext.asyncio import AsyncSession

from ..clients.market import MarketOperatorClient
from ..errors import Conflict, NotFound, UpstreamError
from ..repositories.nominations import NominationRepository
from ..repositories.sites import SiteRepository
from ..utils.timeutil import utcnow

log = logging.getLogger(__name__)


def hourly_kw_to_mwh(hourly_kw: list[float]) -> list[float]:
    return [round(kw / 1000.0, 3) for kw in hourly_kw[:24]]


class TradingService:
    def __init__(self, market: MarketOperatorClient) -> None:
        self._market = market

    async def draft_from_forecast(self, session: AsyncSession, site_id: int, day: date,
                                  hourly_kw: list[float]) -> None:
        await NominationRepository(session).upsert_draft(site_id, day, hourly_kw_to_mwh(hourly_kw))
        await session.commit()

    async def submit(self, session: AsyncSession, site_id: int, day: date) -> str:
        repo = NominationRepository(session)
        site = await SiteRepository(session).get(site_id)
        async with session.begin_nested():
            nomination = await repo.lock_for_submit(site_id, day)
            if nomination is None:
                raise NotFound(f"no nomination for site {site_id} on {day}")
            if nomination.status != "draft":
                raise Conflict(f"nomination already {nomination.status}")
            try:
                receipt = await self._market.submit(site.code, day, list(nomination.hourly_mwh))
            except httpx.HTTPStatusError as exc:
                raise UpstreamError(f"market operator rejected nomination: {exc.response.status_code}")
            repo.mark_submitted(nomination, receipt["reference"], utcnow())
        await session.commit()
        log.info("nomination %s/%s submitted as %s", site.code, day, receipt["reference"])
        return receipt["reference"]
