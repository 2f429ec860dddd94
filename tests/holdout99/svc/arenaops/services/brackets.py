from __future__ import annotations

import asyncio
import logging
from concurrent.futures import ProcessPoolExecutor
from typing import Any

from redis.asyncio import Redis
from sqlalchemy.ext.asyncio import AsyncSession

from arenaops.cache.bracket_cache import BracketCache
from arenaops.cache.pubsub import encode_event, publish_bracket_update
from arenaops.errors import BracketError, NotFound
from arenaops.models import Bracket, Match, Tournament
from arenaops.repositories.matches import MatchRepository
from arenaops.services.scheduling import SchedulingService
from arenaops.services.seeding import Entrant, seed_entrants
from arenaops.services.simulation import projected_odds
from arenaops.utils.locks import LockRegistry

logger = logging.getLogger(__name__)

_LAYOUTS = {"single": ("upper",), "double": ("upper", "lower"), "swiss": ("swiss",)}


class BracketService:
    def __init__(
        self,
        locks: LockRegistry,
        scheduling: SchedulingService,
        cache: BracketCache,
        redis: Redis,
        cpu_pool: ProcessPoolExecutor,
    ) -> None:
        self._locks = locks
        self._scheduling = scheduling
        self._cache = cache
        self._redis = redis
        self._cpu_pool = cpu_pool

    def bracket_kinds(self, fmt: str) -> tuple[str, ...]:
        try:
            return _LAYOUTS[fmt]
        except KeyError:
            raise BracketError(f"unknown tournament format {fmt!r}")

    async def generate(self, session: AsyncSession, tournament: Tournament, entrants: list[Entrant]) -> list[Bracket]:
        brackets = []
        for kind in self.bracket_kinds(tournament.format):
            bracket = Bracket(tournament_id=tournament.id, kind=kind, current_round=1, layout={})
            session.add(bracket)
            brackets.append(bracket)
        await session.flush()
        upper = brackets[0]
        bracket_slots = seed_entrants(entrants)
        slots = []
        for slot_no in range(0, len(bracket_slots), 2):
            a, b = bracket_slots[slot_no], bracket_slots[slot_no + 1]
            session.add(Match(
                bracket_id=upper.id, round_no=1, slot=slot_no // 2,
                team_a_id=a.team_id if a else None, team_b_id=b.team_id if b else None,
            ))
            slots.extend({"team_id": e.team_id, "rating": e.rating} for e in (a, b) if e)
        upper.layout = {"slots": slots, "size": len(bracket_slots)}
        await session.flush()
        await self._cache.put_bracket(tournament.id, {"brackets": [b.id for b in brackets], "layout": upper.layout})
        return brackets

    async def advance(self, session: AsyncSession, bracket_id: int) -> int:
        """Close the current round once every match in it is done and schedule the next one."""
        async with self._locks.bracket(bracket_id):
            bracket = await session.get(Bracket, bracket_id)
            if bracket is None:
                raise NotFound("bracket not found")
            repo = MatchRepository(session)
            matches = await repo.round_matches(bracket_id, bracket.current_round)
            if not matches or any(m.status != "done" for m in matches):
                return bracket.current_round
            winners = [m.winner_id for m in matches]
            next_round = bracket.current_round + 1
            for slot, i in enumerate(range(0, len(winners) - 1, 2)):
                session.add(Match(bracket_id=bracket_id, round_no=next_round, slot=slot,
                                  team_a_id=winners[i], team_b_id=winners[i + 1]))
            bracket.current_round = next_round
            await session.flush()
            await self._scheduling.schedule_round(session, bracket_id, next_round)
            await publish_bracket_update(self._redis, bracket.tournament_id,
                                         encode_event("round_opened", bracket_id=bracket_id, round_no=next_round))
            return next_round

    async def odds_inline(self, session: AsyncSession, bracket_id: int) -> dict[int, float]:
        bracket = await session.get(Bracket, bracket_id)
        if bracket is None:
            raise NotFound("bracket not found")
        return projected_odds(bracket.layout, runs=200_000)

    async def odds(self, session: AsyncSession, bracket_id: int) -> dict[int, float]:
        bracket = await session.get(Bracket, bracket_id)
        if bracket is None:
            raise NotFound("bracket not found")
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._cpu_pool, projected_odds, bracket.layout, 200_000)

    async def snapshot(self, session: AsyncSession, tournament_id: int) -> dict[str, Any]:
        cached = await self._cache.get_bracket(tournament_id)
        if cached is not None:
            return cached
        tournament = await session.get(Tournament, tournament_id)
        if tournament is None:
            raise NotFound("tournament not found")
        return {"tournament_id": tournament_id, "brackets": []}
