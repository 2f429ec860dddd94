from __future__ import annotations

import asyncio
import logging
from datetime import datetime, timedelta

import asyncpg
import httpx

from arenaops.clients.anticheat import AntiCheatClient
from arenaops.repositories.anticheat import AntiCheatRepository
from arenaops.utils.timeutil import utcnow

logger = logging.getLogger(__name__)

BLOCK_SEVERITY = 8
TRUST_FLOOR = 0.2


class AntiCheatService:
    def __init__(self, client: AntiCheatClient, repo: AntiCheatRepository) -> None:
        self._client = client
        self._repo = repo

    async def ingest_since(self, since: datetime) -> tuple[int, datetime]:
        """Pull vendor reports newer than `since`; returns (stored, new watermark)."""
        page = await self._client.fetch_reports(since)
        reports = page.get("reports", [])
        ids = await self._repo.player_ids_by_puuid([r["puuid"] for r in reports])
        stored = 0
        watermark = since
        for report in reports:
            created = datetime.fromisoformat(report["created_at"])
            watermark = max(watermark, created)
            player_id = ids.get(report["puuid"])
            if player_id is None:
                logger.warning("anticheat report %s for unknown player %s", report["id"], report["puuid"])
                continue
            try:
                if await self._repo.record(report["id"], player_id, report.get("match_id"),
                                           int(report["severity"]), report, created):
                    stored += 1
            except asyncpg.PostgresError:
                pass
        return stored, watermark

    async def poll_forever(self, interval: float = 30.0) -> None:
        since = utcnow() - timedelta(hours=1)
        while True:
            try:
                _, since = await self.ingest_since(since)
            except httpx.HTTPError:
                logger.warning("anticheat poll failed; will retry next cycle", exc_info=True)
            await asyncio.sleep(interval)

    async def roster_clear(self, puuids: list[str]) -> dict[str, bool]:
        """Gate called when an admin starts a match: every player must be above the trust floor."""
        verdicts = {}
        for puuid in puuids:
            trust = await self._client.player_trust(puuid)
            verdicts[puuid] = float(trust.get("score", 0.0)) >= TRUST_FLOOR
        return verdicts
