from __future__ import annotations

from dataclasses import asdict, dataclass

from litestar import Controller, get, post

from judgehall.security import Principal
from judgehall.services.teams import TeamService


@dataclass
class CreateTeam:
    name: str
    institution: str | None = None


@dataclass
class InviteInput:
    handle: str
    as_coach: bool = False


class TeamController(Controller):
    path = "/teams"
    tags = ["teams"]

    @post("/")
    async def create(self, data: CreateTeam, team_service: TeamService, principal: Principal) -> dict:
        team = await team_service.create(principal.user_id, data.name, data.institution)
        return {"id": team.id, "name": team.name}

    @post("/{team_id:int}/join")
    async def join(self, team_id: int, team_service: TeamService, principal: Principal) -> None:
        await team_service.join(team_id, principal.user_id)

    @post("/{team_id:int}/invite")
    async def invite(self, team_id: int, data: InviteInput, team_service: TeamService, principal: Principal) -> None:
        role = "coach" if data.as_coach else "member"
        await team_service.invite(team_id, principal.user_id, data.handle, role=role)

    @post("/{team_id:int}/leave")
    async def leave(self, team_id: int, team_service: TeamService, principal: Principal) -> None:
        await team_service.leave(team_id, principal.user_id)

    @get("/mine")
    async def mine(self, team_service: TeamService, principal: Principal) -> list[dict]:
        return [asdict(v) for v in await team_service.my_teams(principal.user_id)]

    @get("/{team_id:int}")
    async def view(self, team_id: int, team_service: TeamService) -> dict:
        return asdict(await team_service.view(team_id))


@dataclass
class TransferInput:
    user_id: int


@dataclass
class RenameInput:
    name: str


class TeamCaptainController(Controller):
    path = "/teams/{team_id:int}/captain"
    tags = ["teams"]

    @post("/transfer")
    async def transfer(self, team_id: int, data: TransferInput, team_service: TeamService, principal: Principal) -> None:
        await team_service.transfer_captain(team_id, principal.user_id, data.user_id)

    @post("/rename")
    async def rename(self, team_id: int, data: RenameInput, team_service: TeamService, principal: Principal) -> dict:
        team = await team_service.rename(team_id, principal.user_id, data.name)
        return {"id": team.id, "name": team.name}
