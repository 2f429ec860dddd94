from __future__ import annotations

from collections.abc import AsyncIterator

import jwt
from fastapi import Depends, Header, Request
from redis.asyncio import Redis
from sqlalchemy.ext.asyncio import AsyncSession

from arenaplay.db.engine import SessionFactory
from arenaplay.db.pg import PgPool
from arenaplay.errors import AuthError
from arenaplay.infra.redis import JsonCache
from arenaplay.repositories.leaderboards import LeaderboardSnapshotRepository
from arenaplay.repositories.matches import MatchRepository
from arenaplay.repositories.players import PlayerRepository
from arenaplay.repositories.ratings import RatingRepository
from arenaplay.repositories.replays import ReplayRepository
from arenaplay.repositories.reports import ReportRepository
from arenaplay.repositories.store import StoreRepository
from arenaplay.repositories.wallet import WalletRepository
from arenaplay.services.accounts import AccountService
from arenaplay.services.anticheat import AnticheatService
from arenaplay.services.leaderboards import LeaderboardService
from arenaplay.services.rating import RatingService
from arenaplay.services.replays import ReplayService
from arenaplay.services.store import StoreService
from arenaplay.services.wallet import WalletService
from arenaplay.settings import Settings, get_settings


async def db_session() -> AsyncIterator[AsyncSession]:
    async with SessionFactory() as session:
        yield session


def redis_dep(request: Request) -> Redis:
    return request.app.state.redis


def pg_dep(request: Request) -> PgPool:
    return request.app.state.pg


def decode_player_id(token: str, settings: Settings) -> int:
    try:
        claims = jwt.decode(token, settings.jwt_secret, algorithms=["HS256"])
    except jwt.PyJWTError as exc:
        raise AuthError("invalid token") from exc
    return int(claims["sub"])


def current_player_id(authorization: str = Header(default=""), settings: Settings = Depends(get_settings)) -> int:
    scheme, _, token = authorization.partition(" ")
    if scheme.lower() != "bearer" or not token:
        raise AuthError("missing bearer token")
    return decode_player_id(token, settings)


def account_service(request: Request, db: AsyncSession = Depends(db_session),
                    settings: Settings = Depends(get_settings)) -> AccountService:
    profiles = JsonCache(request.app.state.redis, "profile", settings.profile_cache_ttl)
    return AccountService(PlayerRepository(db), request.app.state.steam, profiles, settings)


def leaderboard_service(request: Request, db: AsyncSession = Depends(db_session),
                        settings: Settings = Depends(get_settings)) -> LeaderboardService:
    snapshots = LeaderboardSnapshotRepository(request.app.state.pg)
    return LeaderboardService(request.app.state.redis, PlayerRepository(db), RatingRepository(db), snapshots, settings)


def rating_service(db: AsyncSession = Depends(db_session)) -> RatingService:
    return RatingService(RatingRepository(db), MatchRepository(db))


def store_service(request: Request, db: AsyncSession = Depends(db_session)) -> StoreService:
    return StoreService(StoreRepository(db), WalletRepository(request.app.state.pg), request.app.state.payments,
                        request.app.state.redis)


def wallet_service(request: Request) -> WalletService:
    return WalletService(WalletRepository(request.app.state.pg), request.app.state.redis)


def anticheat_service(request: Request, db: AsyncSession = Depends(db_session)) -> AnticheatService:
    return AnticheatService(ReportRepository(request.app.state.pg), PlayerRepository(db), request.app.state.guardline)


def replay_service(request: Request, db: AsyncSession = Depends(db_session),
                   settings: Settings = Depends(get_settings)) -> ReplayService:
    return ReplayService(request.app.state.object_store, ReplayRepository(db), settings)
