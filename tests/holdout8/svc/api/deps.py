"""FastAPI dependencies: shared resources from ``app.state`` and caller identity."""

from __future__ import annotations

from collections.abc import AsyncIterator

import asyncpg
from fastapi import Depends, Header
from redis.asyncio import Redis
from sqlalchemy.ext.asyncio import AsyncSession
from starlette.requests import HTTPConnection

from svc.clients.catalog import CatalogClient
from svc.config import get_settings
from svc.db.match_repo import MatchRepository
from svc.db.players_repo import PlayersRepository
from svc.db.wallet_repo import WalletRepository
from svc.errors import AuthError
from svc.realtime import QueueStatusHub
from svc.security import decode_player_token, key_matches
from svc.services.inventory import InventoryService
from svc.services.leaderboard import LeaderboardService
from svc.services.lobby import LobbyService
from svc.services.matchmaking import MatchmakingService
from svc.services.purchases import PurchaseService
from svc.services.reports import ReportService
from svc.services.seasons import SeasonRewardsService


def get_pool(conn: HTTPConnection) -> asyncpg.Pool:
    return conn.app.state.pg_pool


def get_main_redis(conn: HTTPConnection) -> Redis:
    return conn.app.state.redis


async def get_session(conn: HTTPConnection) -> AsyncIterator[AsyncSession]:
    async with conn.app.state.session_factory() as session:
        yield session


def get_presence_redis(conn: HTTPConnection) -> Redis:
    return conn.app.state.presence_redis


def get_players_repo(conn: HTTPConnection) -> PlayersRepository:
    return conn.app.state.players_repo


def get_wallets(conn: HTTPConnection) -> WalletRepository:
    return conn.app.state.wallets


def get_match_repo(conn: HTTPConnection) -> MatchRepository:
    return conn.app.state.match_repo


def get_catalog(conn: HTTPConnection) -> CatalogClient:
    return conn.app.state.catalog


def get_matchmaking(conn: HTTPConnection) -> MatchmakingService:
    return conn.app.state.matchmaking


def get_queue_hub(conn: HTTPConnection) -> QueueStatusHub:
    return conn.app.state.queue_hub


def get_lobby_service(conn: HTTPConnection) -> LobbyService:
    return conn.app.state.lobbies


def get_leaderboard(conn: HTTPConnection) -> LeaderboardService:
    return conn.app.state.leaderboard


def get_purchases(conn: HTTPConnection) -> PurchaseService:
    return conn.app.state.purchases


def get_season_rewards(conn: HTTPConnection) -> SeasonRewardsService:
    return conn.app.state.season_rewards


def get_inventory_service(
    conn: HTTPConnection, session: AsyncSession = Depends(get_session)
) -> InventoryService:
    state = conn.app.state
    return InventoryService(session, state.definition_cache, state.loadout_cache, state.wallets)


def get_report_service(conn: HTTPConnection, session: AsyncSession = Depends(get_session)) -> ReportService:
    state = conn.app.state
    return ReportService(session, state.redis, state.players_repo, get_settings())


async def current_player_id(authorization: str = Header(...)) -> int:
    scheme, _, token = authorization.partition(" ")
    if scheme.lower() != "bearer" or not token:
        raise AuthError("bearer token required")
    return decode_player_token(token)


async def require_game_server(x_server_key: str = Header(...)) -> None:
    settings = get_settings()
    if not key_matches(x_server_key, settings.api_key_salt, settings.server_key_digests):
        raise AuthError("unknown game server")


def require_admin(x_admin_key: str = Header(...)) -> None:
    settings = get_settings()
    if not key_matches(x_admin_key, settings.api_key_salt, [settings.admin_key_digest]):
        raise AuthError("admin key required")
