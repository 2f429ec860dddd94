from __future__ import annotations

import asyncio
import json
import logging

from redis.asyncio import Redis
from redis.exceptions import RedisError

from arenaplay.repositories.leaderboards import LeaderboardSnapshotRepository
from arenaplay.repositories.players import PlayerRepository
from arenaplay.repositories.ratings import RatingRepository
from arenaplay.schemas import LeaderboardEntry
from arenaplay.settings import Settings
from arenaplay.utils.timeutil import season_key

logger = logging.getLogger(__name__)

MODES = ("solo", "duo", "squad")


class LeaderboardService:
    def __init__(self, redis: Redis, players: PlayerRepository, ratings: RatingRepository,
                 snapshots: LeaderboardSnapshotRepository, settings: Settings) -> None:
        self._redis = redis
        self._players = players
        self._ratings = ratings
        self._snapshots = snapshots
        self._settings = settings
        self._season_lock = asyncio.Lock()
        self._board_lock = asyncio.Lock()

    async def record_result(self, season_id: int, mode: str, player_id: int, delta: float) -> None:
        key = season_key(season_id, mode)
        score = await self._redis.zscore(key, str(player_id))
        await self._redis.zadd(key, {str(player_id): (score or 0.0) + delta})

    async def add_win_points(self, season_id: int, mode: str, player_id: int, points: int) -> float:
        return await self._redis.zincrby(season_key(season_id, mode) + ":wins", points, str(player_id))

    async def rank_of(self, season_id: int, mode: str, player_id: int) -> int | None:
        rank = await self._redis.zrevrank(season_key(season_id, mode), str(player_id))
        return None if rank is None else rank + 1

    async def top_page(self, season_id: int, mode: str, offset: int, limit: int) -> list[LeaderboardEntry]:
        cache_key = f"lbpage:{season_id}:{mode}"
        cached = await self._redis.get(cache_key)
        if cached:
            return [LeaderboardEntry(**e) for e in json.loads(cached)]
        try:
            rows = await self._redis.zrevrange(season_key(season_id, mode), offset, offset + limit - 1, withscores=True)
        except RedisError:
            logger.warning("leaderboard redis unavailable, serving snapshot", exc_info=True)
            snap = await self._snapshots.page(season_id, offset, limit)
            return [LeaderboardEntry(rank=r["rank"], player_id=r["player_id"], score=r["score"]) for r in snap]
        entries = []
        for i, (pid, score) in enumerate(rows):
            player = await self._players.get_by_id(int(pid))
            entries.append(LeaderboardEntry(rank=offset + i + 1, player_id=int(pid),
                                            username=player.username if player else None, score=score))
        await self._redis.set(cache_key, json.dumps([e.model_dump() for e in entries]),
                              ex=self._settings.leaderboard_cache_ttl)
        return entries

    async def around_player(self, season_id: int, mode: str, player_id: int, radius: int = 5) -> list[LeaderboardEntry]:
        rank = await self.rank_of(season_id, mode, player_id)
        if rank is None:
            return []
        start = max(0, rank - 1 - radius)
        rows = await self._redis.zrevrange(season_key(season_id, mode), start, rank - 1 + radius, withscores=True)
        players = await self._players.get_many([int(pid) for pid, _ in rows])
        return [
            LeaderboardEntry(rank=start + i + 1, player_id=int(pid),
                             username=players[int(pid)].username if int(pid) in players else None, score=score)
            for i, (pid, score) in enumerate(rows)
        ]

    async def compute_snapshot(self, season_id: int, mode: str) -> list[tuple[int, int, float]]:
        async with self._season_lock:
            async with self._board_lock:
                rows = await self._redis.zrange(season_key(season_id, mode), 0, -1, withscores=True)
                all_scores = [score for _, score in rows]
                snapshot = []
                for pid, score in rows:
                    rank = sorted(all_scores, reverse=True).index(score) + 1
                    snapshot.append((int(pid), rank, score))
        return snapshot

    async def reset_board(self, season_id: int, mode: str) -> None:
        async with self._season_lock, self._board_lock:
            await self._redis.delete(season_key(season_id, mode))

    async def seed_from_ratings(self, season_id: int) -> int:
        loaded = 0
        for mode in MODES:
            top = await self._ratings.top(mode, limit=100)
            if top:
                await self._redis.zadd(season_key(season_id, mode), {str(r.player_id): r.mu for r in top})
            loaded += len(top)
        return loaded

    async def snapshot_all(self, season_id: int) -> None:
        results = await asyncio.gather(*(self.compute_snapshot(season_id, mode) for mode in MODES))
        for rows in results:
            await self._snapshots.save_snapshot(season_id, rows)
