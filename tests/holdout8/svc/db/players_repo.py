"""Player profile queries (asyncpg)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import asyncpg
from pydantic import BaseModel, ConfigDict


class PlayerProfile(BaseModel):
    model_config = ConfigDict(frozen=True)

    id: int
    username: str
    display_name: str
    region: str
    mmr: int


_PROFILE_COLUMNS = "id, username, display_name, region, mmr"


class PlayersRepository:
    def __init__(self, pool: asyncpg.Pool, acquire_timeout: float) -> None:
        self._pool = pool
        self._acquire_timeout = acquire_timeout

    def _acquire(self) -> Any:
        return self._pool.acquire(timeout=self._acquire_timeout)

    async def get_profile(self, player_id: int) -> PlayerProfile | None:
        async with self._acquire() as conn:
            row = await conn.fetchrow(f"SELECT {_PROFILE_COLUMNS} FROM players WHERE id = $1", player_id)
        return PlayerProfile(**dict(row)) if row else None

    async def get_profiles(self, player_ids: Sequence[int]) -> dict[int, PlayerProfile]:
        if not player_ids:
            return {}
        async with self._acquire() as conn:
            rows = await conn.fetch(
                f"SELECT {_PROFILE_COLUMNS} FROM players WHERE id = ANY($1::bigint[])", list(player_ids)
            )
        return {row["id"]: PlayerProfile(**dict(row)) for row in rows}

    async def by_username(self, username: str) -> PlayerProfile | None:
        async with self._acquire() as conn:
            row = await conn.fetchrow(f"SELECT {_PROFILE_COLUMNS} FROM players WHERE username = $1", username)
        return PlayerProfile(**dict(row)) if row else None

    async def search(self, term: str, limit: int = 20) -> list[PlayerProfile]:
        async with self._acquire() as conn:
            rows = await conn.fetch(
                f"SELECT {_PROFILE_COLUMNS} FROM players "
                "WHERE display_name ILIKE '%' || $1 || '%' ORDER BY mmr DESC LIMIT $2",
                term,
                limit,
            )
        return [PlayerProfile(**dict(row)) for row in rows]

    async def in_mmr_band(self, low: int, high: int, limit: int = 200) -> list[int]:
        async with self._acquire() as conn:
            rows = await conn.fetch(
                "SELECT id FROM players WHERE mmr BETWEEN $1 AND $2 AND NOT banned ORDER BY mmr LIMIT $3",
                low,
                high,
                limit,
            )
        return [row["id"] for row in rows]

    async def touch_last_played(self, player_ids: Sequence[int]) -> None:
        async with self._acquire() as conn:
            await conn.execute(
                "UPDATE players SET last_played_at = now() WHERE id = ANY($1::bigint[])", list(player_ids)
            )
