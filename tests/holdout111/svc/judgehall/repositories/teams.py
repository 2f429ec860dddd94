from __future__ import annotations

from sqlalchemy import func, select

from judgehall.models import Team, TeamMember, TeamRole
from judgehall.repositories.base import Repository


class TeamRepository(Repository[Team]):
    model = Team

    async def get_by_name(self, name: str) -> Team | None:
        return (await self.session.execute(select(Team).where(Team.name == name))).scalar_one_or_none()

    async def members(self, team_id: int) -> list[TeamMember]:
        stmt = select(TeamMember).where(TeamMember.team_id == team_id).order_by(TeamMember.id)
        return list((await self.session.execute(stmt)).scalars().all())

    async def member_count(self, team_id: int) -> int:
        stmt = select(func.count()).select_from(TeamMember).where(TeamMember.team_id == team_id)
        return int((await self.session.execute(stmt)).scalar_one())

    async def add_member(self, team_id: int, user_id: int, role: TeamRole = TeamRole.MEMBER) -> TeamMember:
        member = TeamMember(team_id=team_id, user_id=user_id, role=role)
        self.session.add(member)
        await self.session.flush()
        return member

    async def remove_member(self, team_id: int, user_id: int) -> None:
        stmt = select(TeamMember).where(TeamMember.team_id == team_id, TeamMember.user_id == user_id)
        member = (await self.session.execute(stmt)).scalar_one_or_none()
        if member is not None:
            await self.session.delete(member)

    async def teams_of_user(self, user_id: int) -> list[Team]:
        stmt = (
            select(Team)
            .join(TeamMember, TeamMember.team_id == Team.id)
            .where(TeamMember.user_id == user_id)
            .order_by(Team.name)
        )
        return list((await self.session.execute(stmt)).scalars().all())

    async def names_for(self, team_ids: list[int]) -> dict[int, str]:
        if not team_ids:
            return {}
        stmt = select(Team.id, Team.name).where(Team.id.in_(team_ids))
        return {row.id: row.name for row in await self.session.execute(stmt)}

    async def lock_team(self, team_id: int) -> Team | None:
        stmt = select(Team).where(Team.id == team_id).with_for_update()
        return (await self.session.execute(stmt)).scalar_one_or_none()

    async def members_of_teams(self, team_ids: list[int]) -> dict[int, list[int]]:
        result: dict[int, list[int]] = {tid: [] for tid in team_ids}
        if not team_ids:
            return result
        stmt = select(TeamMember.team_id, TeamMember.user_id).where(
            TeamMember.team_id.in_(team_ids), TeamMember.role != TeamRole.COACH
        )
        for row in await self.session.execute(stmt):
            result[row.team_id].append(row.user_id)
        return result
