"""Leaderboards: live scores in Redis sorted sets, periodic snapshots in Postgres."""
from __future__ import annotations

import logging

from pydantic import BaseModel
from redis.asyncio import Redis
from redis.exceptions import RedisError
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from svc.db.models import LeaderboardSnapshot
from svc.db.repositories import PlayerRepository

logger = logging.getLogger(__name__)


class LeaderboardRow(BaseModel):
    rank: int
    player_id: int
    display_name: str
    score: float


class LeaderboardService:
    def __init__(self, redis: Redis, session: AsyncSession) -> None:
        self.redis = redis
        self.session = session
        self.players = PlayerRepository(session)

    @staticmethod
    def key(mode: str) -> str:
        return f"lb:{mode}"

    async def submit_scores(self, mode: str, scores: dict[int, float]) -> None:
        if scores:
            await self.redis.zadd(self.key(mode), {str(pid): score for pid, score in scores.items()})

    async def top(self, mode: str, limit: int = 100) -> list[LeaderboardRow]:
        entries = await self.redis.zrevrange(self.key(mode), 0, limit - 1, withscores=True)
        rows: list[LeaderboardRow] = []
        for rank, (member, score) in enumerate(entries, start=1):
            player = await self.players.get(int(member))
            rows.append(
                LeaderboardRow(
                    rank=rank,
                    player_id=int(member),
                    display_name=player.display_name if player else "unknown",
                    score=score,
                )
            )
        return rows

    async def around_player(self, mode: str, player_id: int, radius: int = 5) -> list[LeaderboardRow]:
        try:
            rank = await self.redis.zrevrank(self.key(mode), str(player_id))
            if rank is None:
                return []
            start = max(rank - radius, 0)
            window = await self.redis.zrevrange(self.key(mode), start, rank + radius, withscores=True)
        except RedisError:
            logger.warning("leaderboard redis unavailable; serving %s from last snapshot", mode)
            return await self._snapshot_window(mode, player_id, radius)
        by_id = await self.players.get_many([int(member) for member, _ in window])
        return [
            LeaderboardRow(
                rank=start + offset + 1,
                player_id=int(member),
                display_name=by_id[int(member)].display_name if int(member) in by_id else "unknown",
                score=score,
            )
            for offset, (member, score) in enumerate(window)
        ]

    async def _snapshot_window(self, mode: str, player_id: int, radius: int) -> list[LeaderboardRow]:
        mine = await self.session.scalar(
            select(LeaderboardSnapshot)
            .where(LeaderboardSnapshot.player_id == player_id, LeaderboardSnapshot.mode == mode)
            .order_by(LeaderboardSnapshot.taken_at.desc())
            .limit(1)
        )
        if mine is None:
            return []
        stmt = (
            select(LeaderboardSnapshot)
            .where(
                LeaderboardSnapshot.mode == mode,
                LeaderboardSnapshot.taken_at == mine.taken_at,
                LeaderboardSnapshot.rank.between(mine.rank - radius, mine.rank + radius),
            )
            .order_by(LeaderboardSnapshot.rank)
        )
        snaps = list(await self.session.scalars(stmt))
        by_id = await self.players.get_many([s.player_id for s in snaps])
        return [
            LeaderboardRow(
                rank=s.rank,
                player_id=s.player_id,
                display_name=by_id[s.player_id].display_name if s.player_id in by_id else "unknown",
                score=s.score,
            )
            for s in snaps
        ]
