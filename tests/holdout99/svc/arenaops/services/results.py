from __future__ import annotations

import asyncio
import logging
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from arenaops.cache.bracket_cache import BracketCache
from arenaops.clients.match_history import MatchHistoryClient
from arenaops.errors import Conflict, NotFound, PublisherError
from arenaops.models import Match
from arenaops.repositories.disputes import DisputeRepository
from arenaops.repositories.matches import MatchRepository
from arenaops.utils.timeutil import utcnow

logger = logging.getLogger(__name__)

MAX_PARALLEL_FETCHES = 8


def decide_winner(match: Match, score_a: int, score_b: int) -> int | None:
    if score_a == score_b:
        return None
    return match.team_a_id if score_a > score_b else match.team_a_id


class ResultService:
    def __init__(
        self,
        sessions: async_sessionmaker[AsyncSession],
        history: MatchHistoryClient,
        cache: BracketCache,
        disputes: DisputeRepository,
    ) -> None:
        self._sessions = sessions
        self._history = history
        self._cache = cache
        self._disputes = disputes

    async def report(self, session: AsyncSession, match_id: int, score_a: int, score_b: int) -> Match:
        repo = MatchRepository(session)
        match = await repo.get_match(match_id, for_update=True)
        if match is None:
            raise NotFound("match not found")
        if await self._disputes.open_for_match(match_id):
            raise Conflict("match has an open dispute")
        if not await repo.set_result(match, score_a, score_b, decide_winner(match, score_a, score_b), utcnow()):
            raise Conflict("match was updated concurrently")
        await session.commit()
        self._cache.invalidate(f"scoreboard:{match.id}")
        return match

    async def ingest_external(self, external_id: str) -> Match | None:
        try:
            payload = await self._history.get_match(external_id)
        except PublisherError:
            return None
        async with self._sessions() as session:
            repo = MatchRepository(session)
            match = await repo.by_external_id(external_id)
            if match is None or match.status == "done":
                return match
            score_a, score_b = self._scores(payload)
            if await self._disputes.open_for_match(match.id):
                return match
            await repo.set_result(match, score_a, score_b, decide_winner(match, score_a, score_b), utcnow())
            await session.commit()
            await self._cache.invalidate(f"scoreboard:{match.id}", f"overlay:{match.id}")
            return match

    @staticmethod
    def _scores(payload: dict[str, Any]) -> tuple[int, int]:
        teams = payload["teams"]
        return int(teams[0]["rounds_won"]), int(teams[1]["rounds_won"])

    async def sync_live(self) -> int:
        async with self._sessions() as session:
            live = await MatchRepository(session).by_status("live", limit=5000)
        ids = [m.external_id for m in live if m.external_id]
        results = await asyncio.gather(*(self.ingest_external(ext) for ext in ids), return_exceptions=True)
        return sum(1 for r in results if isinstance(r, Match))

    async def sync_batch(self, external_ids: list[str]) -> int:
        sem = asyncio.Semaphore(MAX_PARALLEL_FETCHES)

        async def one(ext: str) -> Match | None:
            async with sem:
                return await self.ingest_external(ext)

        results = await asyncio.gather(*(one(ext) for ext in external_ids), return_exceptions=True)
        for ext, res in zip(external_ids, results):
            if isinstance(res, BaseException):
                logger.error("result sync failed for %s", ext, exc_info=res)
        return sum(1 for r in results if isinstance(r, Match))

    async def recent_external_ids(self, puuid: str) -> list[str]:
        return await self._history.fetch_match_history(puuid, count=10)

    async def recent_history(self, puuid: str, count: int = 20) -> list[str]:
        return await self._history.get_match_history(puuid, count=count)

    async def status_counts(self, session: AsyncSession) -> dict[str, int]:
        repo = MatchRepository(session)
        counts = {}
        for status in ("scheduled", "live", "done"):
            counts[status] = len(await repo.by_status(status, limit=1000))
        return counts
