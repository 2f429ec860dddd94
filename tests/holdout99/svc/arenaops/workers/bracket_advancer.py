from __future__ import annotations

import asyncio
import logging
import random

from sqlalchemy import select

from arenaops.cache.locks import LockNotAcquired
from arenaops.cache.pubsub import encode_event, publish_bracket_update
from arenaops.container import Container
from arenaops.models import Bracket, Tournament

logger = logging.getLogger(__name__)

POLL_SECONDS = 10


class BracketAdvancer:
    def __init__(self, container: Container) -> None:
        self._c = container

    async def _live_brackets(self) -> list[tuple[int, int]]:
        async with self._c.sessions() as session:
            stmt = (
                select(Bracket.id, Bracket.tournament_id)
                .join(Tournament, Tournament.id == Bracket.tournament_id)
                .where(Tournament.status == "live")
            )
            return [(row.id, row.tournament_id) for row in (await session.execute(stmt)).all()]

    async def advance_one(self, bracket_id: int, tournament_id: int) -> None:
        try:
            async with self._c.redis_lock.hold(f"advance:{bracket_id}", ttl_ms=60_000):
                async with self._c.sessions() as session:
                    before = await self._round(session, bracket_id)
                    after = await self._c.brackets.advance(session, bracket_id)
                    await session.commit()
                if after != before:
                    publish_bracket_update(self._c.redis, tournament_id,
                                           encode_event("advanced", bracket_id=bracket_id, round_no=after))
        except LockNotAcquired:
            logger.debug("bracket %s is being advanced elsewhere", bracket_id)

    @staticmethod
    async def _round(session, bracket_id: int) -> int:
        bracket = await session.get(Bracket, bracket_id)
        return bracket.current_round if bracket else 0

    async def run(self) -> None:
        failures = 0
        while True:
            try:
                for bracket_id, tournament_id in await self._live_brackets():
                    await self.advance_one(bracket_id, tournament_id)
                failures = 0
                await asyncio.sleep(POLL_SECONDS)
            except asyncio.CancelledError:
                raise
            except Exception:
                failures += 1
                delay = min(300.0, 2 ** failures) + random.random()
                logger.exception("bracket advancement cycle failed (%d in a row); backing off %.1fs", failures, delay)
                await asyncio.sleep(delay)
