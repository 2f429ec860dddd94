from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy.ext.asyncio import AsyncSession

from arenaops.errors import Conflict, NotFound
from arenaops.models import Registration, Tournament
from arenaops.repositories.teams import TeamRepository

if TYPE_CHECKING:
    from arenaops.services.brackets import BracketService


class RegistrationService:
    async def register(self, session: AsyncSession, tournament_id: int, team_id: int) -> Registration:
        tournament = await session.get(Tournament, tournament_id)
        if tournament is None:
            raise NotFound("tournament not found")
        if tournament.status != "open":
            raise Conflict("registration is closed")
        teams = TeamRepository(session)
        registered = await teams.count_registrations(tournament_id)
        if registered >= tournament.max_teams:
            raise Conflict("tournament is full")
        reg = await teams.add_registration(tournament_id, team_id)
        await session.commit()
        return reg

    async def withdraw(self, session: AsyncSession, tournament_id: int, team_id: int) -> None:
        reg = await session.get(Registration, {"tournament_id": tournament_id, "team_id": team_id})
        if reg is not None:
            await session.delete(reg)
            await session.commit()

    async def close_and_build(self, session: AsyncSession, tournament: Tournament,
                              brackets: BracketService) -> int:
        from arenaops.services.seeding import Entrant

        teams = await TeamRepository(session).registered_teams(tournament.id)
        tournament.status = "seeding"
        built = await brackets.generate(session, tournament, [Entrant(t.id, t.rating) for t in teams])
        await session.commit()
        return len(built)
