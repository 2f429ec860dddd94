"""FastAPI dependencies: sessions, shared clients, the authenticated player, services."""
from __future__ import annotations

from collections.abc import AsyncIterator

from fastapi import Depends, Header, Request
from sqlalchemy.ext.asyncio import AsyncSession

from svc.config import Settings
from svc.db.engine import SessionFactory
from svc.db.models import Player
from svc.db.repositories import PlayerRepository
from svc.errors import AuthError
from svc.security import decode_token
from svc.services.leaderboard import LeaderboardService
from svc.services.lobby import LobbyService
from svc.services.matchmaking import MatchmakingService
from svc.services.profiles import ProfileService
from svc.services.reports import ReportService
from svc.services.rewards import RewardService
from svc.services.store import StoreService


async def get_session() -> AsyncIterator[AsyncSession]:
    async with SessionFactory() as session:
        yield session


def get_settings(request: Request) -> Settings:
    return request.app.state.settings


async def current_player(
    authorization: str = Header(...),
    settings: Settings = Depends(get_settings),
    session: AsyncSession = Depends(get_session),
) -> Player:
    scheme, _, token = authorization.partition(" ")
    if scheme.lower() != "bearer" or not token:
        raise AuthError("missing bearer token")
    claims = decode_token(token, settings)
    player = await PlayerRepository(session).get(int(claims["sub"]))
    if player is None or player.banned:
        raise AuthError("unknown or banned player")
    return player


async def require_admin(
    authorization: str = Header(...), settings: Settings = Depends(get_settings)
) -> int:
    scheme, _, token = authorization.partition(" ")
    claims = decode_token(token, settings)
    if claims.get("scope") != "admin":
        raise AuthError("admin scope required")
    return int(claims["sub"])


def require_game_server(
    x_server_secret: str = Header(...), settings: Settings = Depends(get_settings)
) -> None:
    if x_server_secret != settings.game_server_secret:
        raise AuthError("unknown game server")


def profile_service(
    request: Request, session: AsyncSession = Depends(get_session)
) -> ProfileService:
    state = request.app.state
    return ProfileService(session, state.redis, state.profile_cache, state.platform)


def matchmaking_service(
    request: Request, session: AsyncSession = Depends(get_session)
) -> MatchmakingService:
    state = request.app.state
    return MatchmakingService(session, state.redis, state.geo, state.flags, state.settings)


def store_service(request: Request, session: AsyncSession = Depends(get_session)) -> StoreService:
    state = request.app.state
    return StoreService(session, state.redis, state.catalog_cache, state.payments, state.platform, state.settings)


def leaderboard_service(
    request: Request, session: AsyncSession = Depends(get_session)
) -> LeaderboardService:
    return LeaderboardService(request.app.state.redis, session)


def report_service(request: Request, session: AsyncSession = Depends(get_session)) -> ReportService:
    state = request.app.state
    return ReportService(session, state.report_limiter, state.storage, state.report_ingest.queue)


def reward_service(request: Request, session: AsyncSession = Depends(get_session)) -> RewardService:
    return RewardService(session, request.app.state.rank_tiers)


def lobby_service(request: Request) -> LobbyService:
    state = request.app.state
    return LobbyService(state.redis, state.lobby_connections, state.locks, state.settings)
