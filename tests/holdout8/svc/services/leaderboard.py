"""Season leaderboards kept in redis sorted sets, one per season and mode."""

from __future__ import annotations

import copy
import statistics
import threading
from collections.abc import Sequence

from cachetools import TTLCache
from pydantic import BaseModel, ConfigDict
from redis.asyncio import Redis

from svc.db.players_repo import PlayerProfile, PlayersRepository


class LeaderboardEntry(BaseModel):
    model_config = ConfigDict(frozen=True)

    rank: int
    player_id: int
    display_name: str
    score: float


class SeasonSummary(BaseModel):
    players: int
    top_score: float
    median_score: float


class LeaderboardService:
    def __init__(self, redis: Redis, players: PlayersRepository) -> None:
        self._redis = redis
        self._players = players
        self._snapshot_lock = threading.Lock()
        self._snapshot: tuple[LeaderboardEntry, ...] = ()
        self._profiles: TTLCache[int, PlayerProfile] = TTLCache(maxsize=20_000, ttl=300)

    @staticmethod
    def _key(season_id: int, mode: str) -> str:
        return f"lb:{season_id}:{mode}"

    async def submit_score(self, player_id: int, season_id: int, mode: str, points: int) -> float:
        return await self._redis.zincrby(self._key(season_id, mode), points, str(player_id))

    async def top(self, season_id: int, mode: str, limit: int = 50) -> list[LeaderboardEntry]:
        raw = await self._redis.zrevrange(self._key(season_id, mode), 0, limit - 1, withscores=True)
        entries: list[LeaderboardEntry] = []
        for rank, (member, score) in enumerate(raw, start=1):
            profile = await self._players.get_profile(int(member))
            name = profile.display_name if profile else "unknown"
            entries.append(LeaderboardEntry(rank=rank, player_id=int(member), display_name=name, score=score))
        return entries

    async def _profiles_for(self, player_ids: Sequence[int]) -> dict[int, PlayerProfile]:
        missing = [pid for pid in player_ids if pid not in self._profiles]
        if missing:
            fetched = await self._players.get_profiles(missing)
            self._profiles.update(fetched)
        return {pid: self._profiles[pid] for pid in player_ids if pid in self._profiles}

    async def around(self, season_id: int, mode: str, player_id: int, radius: int = 5) -> list[LeaderboardEntry]:
        key = self._key(season_id, mode)
        rank = await self._redis.zrevrank(key, str(player_id))
        if rank is None:
            return []
        start = max(rank - radius, 0)
        raw = await self._redis.zrevrange(key, start, rank + radius, withscores=True)
        ids = [int(member) for member, _ in raw]
        profiles = await self._profiles_for(ids)
        return [
            LeaderboardEntry(
                rank=start + offset + 1,
                player_id=pid,
                display_name=profiles[pid].display_name if pid in profiles else "unknown",
                score=score,
            )
            for offset, (pid, (_, score)) in enumerate(zip(ids, raw))
        ]

    async def standings(self, season_id: int, mode: str, limit: int) -> list[tuple[int, int]]:
        raw = await self._redis.zrevrange(self._key(season_id, mode), 0, limit - 1)
        return [(rank, int(member)) for rank, member in enumerate(raw, start=1)]

    async def summary(self, season_id: int, mode: str) -> SeasonSummary:
        entries = copy.deepcopy(await self.top(season_id, mode, limit=500))
        scores = [entry.score for entry in entries]
        return SeasonSummary(
            players=len(scores),
            top_score=max(scores, default=0.0),
            median_score=statistics.median(scores) if scores else 0.0,
        )

    async def rebuild_snapshot(self, season_id: int, mode: str) -> None:
        lock = self._snapshot_lock
        with lock:
            self._snapshot = tuple(await self.top(season_id, mode, limit=100))

    async def publish_snapshot(self, season_id: int, mode: str) -> None:
        entries = tuple(await self.top(season_id, mode, limit=100))
        with self._snapshot_lock:
            self._snapshot = entries

    def snapshot(self) -> tuple[LeaderboardEntry, ...]:
        return self._snapshot
