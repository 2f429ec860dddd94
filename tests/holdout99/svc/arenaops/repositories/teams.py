from __future__ import annotations

from collections.abc import Sequence

import asyncpg
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from arenaops.models import Player, Registration, Team, TeamMember


class TeamRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def get(self, team_id: int) -> Team | None:
        return await self._session.get(Team, team_id)

    async def with_members(self, team_ids: Sequence[int]) -> list[Team]:
        stmt = (
            select(Team)
            .where(Team.id.in_(team_ids))
            .options(selectinload(Team.members).selectinload(TeamMember.player))
        )
        return list((await self._session.scalars(stmt)).all())

    async def players_for_team(self, team_id: int) -> list[Player]:
        stmt = (
            select(Player)
            .join(TeamMember, TeamMember.player_id == Player.id)
            .where(TeamMember.team_id == team_id)
        )
        return list((await self._session.scalars(stmt)).all())

    async def registered_teams(self, tournament_id: int) -> list[Team]:
        stmt = (
            select(Team)
            .join(Registration, Registration.team_id == Team.id)
            .where(Registration.tournament_id == tournament_id)
            .order_by(Registration.seed.nulls_last(), Team.rating.desc())
        )
        return list((await self._session.scalars(stmt)).all())

    async def count_registrations(self, tournament_id: int) -> int:
        stmt = select(func.count()).select_from(Registration).where(Registration.tournament_id == tournament_id)
        return int(await self._session.scalar(stmt) or 0)

    async def add_registration(self, tournament_id: int, team_id: int) -> Registration:
        reg = Registration(tournament_id=tournament_id, team_id=team_id)
        self._session.add(reg)
        await self._session.flush()
        return reg


class TeamSearch:
    """Read-only search queries run on the raw asyncpg pool."""

    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def search_teams(self, term: str, limit: int = 25) -> list[asyncpg.Record]:
        async with self._pool.acquire(timeout=5) as conn:
            return await conn.fetch(
                "SELECT id, name, tag, region FROM teams "
                "WHERE lower(name) LIKE '%' || lower($1) || '%' ORDER BY rating DESC LIMIT $2",
                term,
                limit,
            )

    async def players_by_handle_prefix(self, prefix: str, limit: int = 25) -> list[asyncpg.Record]:
        async with self._pool.acquire(timeout=5) as conn:
            return await conn.fetch(
                "SELECT id, handle, puuid FROM players WHERE handle LIKE $1 || '%' ORDER BY handle LIMIT $2",
                prefix,
                limit,
            )
