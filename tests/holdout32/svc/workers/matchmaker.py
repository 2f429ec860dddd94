"""Forms matches from the Redis queues."""
from __future__ import annotations

import asyncio
import json
import logging
from collections import Counter, deque
from collections.abc import Sequence
from dataclasses import dataclass

from redis.asyncio import Redis
from redis.exceptions import LockError
from sqlalchemy.ext.asyncio import async_sessionmaker

from svc.config import Settings
from svc.db.models import Match, MatchParticipant
from svc.db.repositories import MatchRepository
from svc.services.matchmaking import MODE_TEAM_SIZE, TICKET_KEY

logger = logging.getLogger(__name__)

SPREAD_PASSES = (100.0, 250.0, 500.0)
QUEUE_SCAN_DEPTH = 500


@dataclass(frozen=True)
class QueueEntry:
    player_id: int
    mmr: float
    region: str


def form_matches(entries: Sequence[QueueEntry], team_size: int) -> list[list[QueueEntry]]:
    """Greedy grouping of mmr neighbours, widening the allowed spread on each pass."""
    group_size = team_size * 2
    ordered = sorted(entries, key=lambda e: e.mmr)
    matched_ids: list[int] = []
    groups: list[list[QueueEntry]] = []
    for spread in SPREAD_PASSES:
        window: deque[QueueEntry] = deque()
        for entry in ordered:
            if entry.player_id in matched_ids:
                continue
            window.append(entry)
            while entry.mmr - window[0].mmr > spread:
                window.popleft()
            if len(window) == group_size:
                groups.append(list(window))
                matched_ids.extend(e.player_id for e in window)
                window.clear()
    return groups


def split_teams(group: list[QueueEntry]) -> tuple[list[QueueEntry], list[QueueEntry]]:
    """Snake draft by mmr so both teams end up with similar averages."""
    ranked = sorted(group, key=lambda e: e.mmr, reverse=True)
    team_a: list[QueueEntry] = []
    team_b: list[QueueEntry] = []
    for i, entry in enumerate(ranked):
        (team_a if i % 4 in (0, 3) else team_b).append(entry)
    return team_a, team_b


class MatchmakerWorker:
    def __init__(self, redis: Redis, session_factory: async_sessionmaker, settings: Settings) -> None:
        self.redis = redis
        self.session_factory = session_factory
        self.settings = settings

    async def run(self, stop: asyncio.Event) -> None:
        interval = self.settings.matchmaker_interval
        while not stop.is_set():
            lock = self.redis.lock("lock:matchmaker:tick", timeout=interval * 5, blocking=False)
            if await lock.acquire():
                try:
                    await self.tick()
                finally:
                    try:
                        await lock.release()
                    except LockError:
                        logger.warning("matchmaker tick outlived its lock")
            await asyncio.sleep(interval)

    async def tick(self) -> None:
        for mode, team_size in MODE_TEAM_SIZE.items():
            keys = [key async for key in self.redis.scan_iter(match=f"mm:queue:{mode}:*", count=100)]
            if not keys:
                continue
            pipe = self.redis.pipeline(transaction=False)
            for key in keys:
                pipe.zrange(key, 0, QUEUE_SCAN_DEPTH - 1, withscores=True)
            results = await pipe.execute()
            entries = [
                QueueEntry(player_id=int(member), mmr=float(score), region=key.rsplit(":", 1)[1])
                for key, rows in zip(keys, results)
                for member, score in rows
            ]
            groups = form_matches(entries, team_size)
            if groups:
                await self._create_matches(mode, groups)

    async def _create_matches(self, mode: str, groups: list[list[QueueEntry]]) -> None:
        created: list[tuple[Match, list[QueueEntry]]] = []
        async with self.session_factory() as session:
            repo = MatchRepository(session)
            for group in groups:
                region = Counter(e.region for e in group).most_common(1)[0][0]
                match = repo.new_match(mode, region)
                team_a, team_b = split_teams(group)
                match.participants = [
                    MatchParticipant(player_id=e.player_id, team=team, mmr_before=int(e.mmr))
                    for team, members in ((0, team_a), (1, team_b))
                    for e in members
                ]
                created.append((match, group))
            await session.commit()

        async with self.redis.pipeline(transaction=True) as pipe:
            for match, group in created:
                for e in group:
                    pipe.zrem(f"mm:queue:{mode}:{e.region}", str(e.player_id))
                    pipe.delete(TICKET_KEY.format(player_id=e.player_id))
                    pipe.publish(
                        f"player:{e.player_id}:events",
                        json.dumps({"type": "match_found", "match_id": match.id, "region": match.region}),
                    )
            await pipe.execute()
        logger.info("formed %d %s matches", len(created), mode)
