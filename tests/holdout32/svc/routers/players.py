"""Accounts, profiles, friends, match history and season reward claims."""
from __future__ import annotations

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from pydantic import BaseModel
from sqlalchemy.ext.asyncio import AsyncSession

from svc.db.models import Player
from svc.db.repositories import MatchRepository, PlayerRepository
from svc.deps import current_player, get_session, profile_service, reward_service
from svc.security import issue_token
from svc.services.profiles import ProfileService, PublicProfile, RegisterRequest
from svc.services.rewards import RewardService

router = APIRouter(tags=["players"])


class LoginRequest(BaseModel):
    username: str
    password: str


class TokenOut(BaseModel):
    access_token: str
    token_type: str = "bearer"


class MatchSummary(BaseModel):
    id: int
    mode: str
    region: str
    status: str


class ProfileUpdate(BaseModel):
    display_name: str | None = None
    region: str | None = None


@router.post("/players", status_code=201)
async def register(body: RegisterRequest, profiles: ProfileService = Depends(profile_service)) -> dict:
    player = await profiles.register(body)
    return {"id": player.id, "username": player.username}


@router.post("/sessions", response_model=TokenOut)
async def login(
    body: LoginRequest, request: Request, profiles: ProfileService = Depends(profile_service)
) -> TokenOut:
    player = await profiles.authenticate(body.username, body.password)
    return TokenOut(access_token=issue_token(player.id, request.app.state.settings))


@router.get("/players/search", response_model=list[PublicProfile])
async def search_players(
    q: str = Query(min_length=2, max_length=32),
    session: AsyncSession = Depends(get_session),
    profiles: ProfileService = Depends(profile_service),
) -> list[PublicProfile]:
    found = await PlayerRepository(session).search(q, limit=20)
    return await profiles.profiles_for([p.id for p in found])


@router.get("/players/me/friends", response_model=list[PublicProfile])
async def my_friends(
    player: Player = Depends(current_player), profiles: ProfileService = Depends(profile_service)
) -> list[PublicProfile]:
    return await profiles.friends_overview(player.id)


@router.get("/players/me/matches", response_model=list[MatchSummary])
async def my_matches(
    before: int | None = None,
    limit: int = Query(20, le=100),
    player: Player = Depends(current_player),
    session: AsyncSession = Depends(get_session),
) -> list[MatchSummary]:
    matches = await MatchRepository(session).recent_for_player(player.id, before_id=before, limit=limit)
    return [MatchSummary(id=m.id, mode=m.mode, region=m.region, status=m.status) for m in matches]


@router.patch("/players/me")
async def update_me(
    body: ProfileUpdate,
    player: Player = Depends(current_player),
    session: AsyncSession = Depends(get_session),
    profiles: ProfileService = Depends(profile_service),
) -> dict:
    if body.region is not None and player.banned:
        raise HTTPException(status_code=403, detail="banned players cannot change region")
    if body.region:
        player.region = body.region
        await session.commit()
    if body.display_name:
        await profiles.rename(player, body.display_name)
    return {"id": player.id, "display_name": player.display_name, "region": player.region}


@router.get("/players/{player_id}", response_model=PublicProfile)
async def get_profile(player_id: int, profiles: ProfileService = Depends(profile_service)) -> PublicProfile:
    return await profiles.public_profile(player_id)


@router.post("/players/me/entitlements/sync")
async def sync_entitlements(
    player: Player = Depends(current_player), profiles: ProfileService = Depends(profile_service)
) -> dict:
    skus = await profiles.sync_entitlements(player)
    return {"synced": skus}


@router.post("/seasons/{season_id}/reward/claim")
async def claim_reward(
    season_id: int,
    player: Player = Depends(current_player),
    rewards: RewardService = Depends(reward_service),
) -> dict:
    reward = await rewards.claim(season_id, player.id)
    return {"season_id": season_id, "tier": reward.tier, "sku": reward.sku}
