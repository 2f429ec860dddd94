"""Periodic maintenance: campaign snapshot and fx refresh, creative audits."""
from __future__ import annotations

import asyncio
import logging

import httpx

from adbid.cache.campaign_cache import CampaignCache
from adbid.clients.audit_client import AuditClient
from adbid.clients.fx_client import FxClient
from adbid.db.engine import SessionLocal
from adbid.repositories.creatives import CreativeRepository

log = logging.getLogger(__name__)

AUDIT_CONCURRENCY = 8


class CacheRefresher:
    def __init__(self, cache: CampaignCache, fx: FxClient, interval_s: float = 30.0) -> None:
        self._cache = cache
        self._fx = fx
        self._interval = interval_s
        self._ticks = 0

    async def run_forever(self) -> None:
        while True:
            try:
                await self._cache.refresh()
            except Exception:
                log.exception("campaign cache refresh failed; serving previous snapshot")
            if self._ticks % 20 == 0:
                try:
                    await self._fx.refresh()
                except (httpx.HTTPError, KeyError, ValueError):
                    log.exception("fx refresh failed; keeping previous rates")
            self._ticks += 1
            await asyncio.sleep(self._interval)


class AuditWorker:
    def __init__(self, client: AuditClient, interval_s: float = 15.0) -> None:
        self._client = client
        self._interval = interval_s
        self._sem = asyncio.Semaphore(AUDIT_CONCURRENCY)

    async def run_forever(self) -> None:
        while True:
            await self.run_once()
            await asyncio.sleep(self._interval)

    async def _audit(self, creative) -> tuple[int, str | None]:
        async with self._sem:
            verdict = await self._client.submit(creative.id, creative.markup, creative.landing_url)
        return creative.id, verdict

    async def run_once(self) -> int:
        async with SessionLocal() as session:
            claimed = await CreativeRepository(session).claim_pending(limit=200)
            await session.commit()
        if not claimed:
            return 0
        results = await asyncio.gather(*(self._audit(c) for c in claimed))
        verdicts = {cid: verdict or "pending" for cid, verdict in results}
        async with SessionLocal() as session:
            await CreativeRepository(session).set_verdicts(verdicts)
            await session.commit()
        decided = sum(1 for v in verdicts.values() if v in ("approved", "rejected"))
        log.info("audited %d creatives, %d decided", len(verdicts), decided)
        return decided
