from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select

from svc.db.models import Team
from svc.db.repositories.base import Repository
from svc.errors import NotFoundError


class TeamRepository(Repository):
    async def get(self, team_id: int) -> Team:
        async with self._sessionmaker() as session:
            team = await session.get(Team, team_id)
        if team is None:
            raise NotFoundError(f"team {team_id} not found")
        return team

    async def get_many(self, team_ids: Sequence[int]) -> dict[int, Team]:
        if not team_ids:
            return {}
        async with self._sessionmaker() as session:
            result = await session.execute(select(Team).where(Team.id.in_(team_ids)))
            return {team.id: team for team in result.scalars()}

    async def all_names(self) -> dict[int, str]:
        async with self._sessionmaker() as session:
            result = await session.execute(select(Team.id, Team.name))
            return {row.id: row.name for row in result}

    async def by_provider_id(self, provider: str, provider_id: str) -> Team | None:
        column = Team.alpha_id if provider == "alpha" else Team.beta_id
        async with self._sessionmaker() as session:
            result = await session.execute(select(Team).where(column == provider_id))
            return result.scalar_one_or_none()
