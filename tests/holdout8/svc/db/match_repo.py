"""Match results and history (asyncpg)."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime
from typing import Any

import asyncpg
from pydantic import BaseModel


class ParticipantResult(BaseModel):
    player_id: int
    team: int
    score: int
    kills: int
    deaths: int


class MatchRepository:
    def __init__(self, pool: asyncpg.Pool, acquire_timeout: float) -> None:
        self._pool = pool
        self._acquire_timeout = acquire_timeout

    def _acquire(self) -> Any:
        return self._pool.acquire(timeout=self._acquire_timeout)

    async def record_match(
        self,
        match_id: uuid.UUID,
        *,
        mode: str,
        region: str,
        season_id: int,
        started_at: datetime,
        ended_at: datetime,
        participants: Sequence[ParticipantResult],
    ) -> None:
        async with self._pool.acquire() as conn:
            async with conn.transaction():
                await conn.execute(
                    "INSERT INTO matches (id, mode, region, season_id, started_at, ended_at) "
                    "VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (id) DO NOTHING",
                    match_id,
                    mode,
                    region,
                    season_id,
                    started_at,
                    ended_at,
                )
                await conn.executemany(
                    "INSERT INTO match_participants (match_id, player_id, team, score, kills, deaths) "
                    "VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING",
                    [(match_id, p.player_id, p.team, p.score, p.kills, p.deaths) for p in participants],
                )

    async def history_page(self, player_id: int, page: int, page_size: int = 20) -> list[asyncpg.Record]:
        async with self._acquire() as conn:
            return await conn.fetch(
                "SELECT m.id, m.mode, m.started_at, p.score, p.kills, p.deaths "
                "FROM match_participants p JOIN matches m ON m.id = p.match_id "
                "WHERE p.player_id = $1 ORDER BY m.started_at DESC LIMIT $2 OFFSET $3",
                player_id,
                page_size,
                page * page_size,
            )

    async def participants_for(self, match_ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, list[int]]:
        async with self._acquire() as conn:
            rows = await conn.fetch(
                "SELECT match_id, player_id FROM match_participants WHERE match_id = ANY($1::uuid[])",
                list(match_ids),
            )
        grouped: dict[uuid.UUID, list[int]] = {}
        for row in rows:
            grouped.setdefault(row["match_id"], []).append(row["player_id"])
        return grouped

    async def finished_since(self, since: datetime, limit: int = 500) -> list[asyncpg.Record]:
        async with self._acquire() as conn:
            return await conn.fetch(
                "SELECT id, mode, region, season_id, ended_at FROM matches "
                "WHERE ended_at >= $1 ORDER BY ended_at LIMIT $2",
                since,
                limit,
            )

    async def season_matches(self, season_id: int, after: uuid.UUID | None, limit: int = 500) -> list[asyncpg.Record]:
        async with self._acquire() as conn:
            return await conn.fetch(
                "SELECT id, mode, region FROM matches WHERE season_id = $1 AND ($2::uuid IS NULL OR id > $2) "
                "ORDER BY id LIMIT $3",
                season_id,
                after,
                limit,
            )
