from __future__ import annotations

import logging
from dataclasses import dataclass

from sqlalchemy.exc import IntegrityError

from judgehall.errors import Conflict, Forbidden, NotFound, ValidationFailed
from judgehall.models import Team, TeamRole
from judgehall.repositories.teams import TeamRepository
from judgehall.repositories.users import UserRepository

log = logging.getLogger(__name__)


@dataclass(slots=True)
class TeamView:
    id: int
    name: str
    institution: str | None
    members: list[dict]


class TeamService:
    def __init__(self, teams: TeamRepository, users: UserRepository, max_size: int) -> None:
        self.teams = teams
        self.users = users
        self.max_size = max_size

    async def create(self, captain_id: int, name: str, institution: str | None) -> Team:
        name = name.strip()
        if not 2 <= len(name) <= 64:
            raise ValidationFailed("team name must be 2-64 characters")
        team = Team(name=name, institution=institution, captain_id=captain_id)
        try:
            await self.teams.add(team)
        except IntegrityError as exc:
            raise Conflict(f"team name {name!r} is taken") from exc
        await self.teams.add_member(team.id, captain_id, TeamRole.CAPTAIN)
        return team

    async def join(self, team_id: int, user_id: int) -> None:
        team = await self.teams.get(team_id)
        if team is None:
            raise NotFound("team not found")
        count = await self.teams.member_count(team_id)
        if count >= self.max_size:
            raise Conflict("team is full")
        try:
            await self.teams.add_member(team_id, user_id)
        except IntegrityError as exc:
            raise Conflict("already a member") from exc

    async def invite(self, team_id: int, actor_id: int, handle: str) -> None:
        team = await self.teams.lock_team(team_id)
        if team is None:
            raise NotFound("team not found")
        if team.captain_id != actor_id:
            raise Forbidden("only the captain can invite")
        user = await self.users.get_by_handle(handle)
        if user is None:
            raise NotFound(f"user {handle} not found")
        if await self.teams.member_count(team_id) >= self.max_size:
            raise Conflict("team is full")
        await self.teams.add_member(team_id, user.id)

    async def leave(self, team_id: int, user_id: int) -> None:
        team = await self.teams.lock_team(team_id)
        if team is None:
            raise NotFound("team not found")
        if team.captain_id == user_id:
            raise Conflict("captain must transfer captaincy before leaving")
        await self.teams.remove_member(team_id, user_id)

    async def my_teams(self, user_id: int) -> list[TeamView]:
        teams = await self.teams.teams_of_user(user_id)
        views: list[TeamView] = []
        for team in teams:
            members = await self.teams.members(team.id)
            views.append(
                TeamView(
                    id=team.id,
                    name=team.name,
                    institution=team.institution,
                    members=[{"user_id": m.user_id, "role": m.role.value} for m in members],
                )
            )
        return views

    async def view(self, team_id: int) -> TeamView:
        team = await self.teams.get(team_id)
        if team is None:
            raise NotFound("team not found")
        members = await self.teams.members(team_id)
        users = await self.users.get_many([m.user_id for m in members])
        return TeamView(
            id=team.id,
            name=team.name,
            institution=team.institution,
            members=[
                {"user_id": m.user_id, "handle": users[m.user_id].handle, "role": m.role.value}
                for m in members
                if m.user_id in users
            ],
        )

    async def transfer_captain(self, team_id: int, actor_id: int, new_captain_id: int) -> None:
        team = await self.teams.lock_team(team_id)
        if team is None:
            raise NotFound("team not found")
        if team.captain_id != actor_id:
            raise Forbidden("only the captain can transfer captaincy")
        members = {m.user_id: m for m in await self.teams.members(team_id)}
        if new_captain_id not in members:
            raise ValidationFailed("new captain must already be a member")
        members[actor_id].role = TeamRole.MEMBER
        members[new_captain_id].role = TeamRole.CAPTAIN
        team.captain_id = new_captain_id

    async def rename(self, team_id: int, actor_id: int, name: str) -> Team:
        team = await self.teams.lock_team(team_id)
        if team is None:
            raise NotFound("team not found")
        if team.captain_id != actor_id:
            raise Forbidden("only the captain can rename the team")
        name = name.strip()
        if not 2 <= len(name) <= 64:
            raise ValidationFailed("team name must be 2-64 characters")
        team.name = name
        try:
            await self.teams.session.flush()
        except IntegrityError as exc:
            raise Conflict(f"team name {name!r} is taken") from exc
        return team
