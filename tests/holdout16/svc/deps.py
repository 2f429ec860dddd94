"""FastAPI dependencies: sessions, services and API-key authentication."""
from __future__ import annotations

import asyncio
import hashlib
import hmac
from collections.abc import AsyncIterator
from typing import Annotated

from fastapi import Depends, Header, WebSocket
from sqlalchemy.ext.asyncio import AsyncSession, create_async_engine
from starlette.requests import HTTPConnection

from svc.config import Settings, get_settings, settings
from svc.db.campaign_repo import ApiKeyRepository
from svc.db.models import ApiKey
from svc.errors import Unauthorized
from svc.services.bidder import Bidder
from svc.services.campaigns import CampaignService
from svc.services.events import EventIngestor
from svc.services.hub import DashboardHub
from svc.services.pacing import PacingService
from svc.services.reporting import ReportingService


async def get_session(conn: HTTPConnection) -> AsyncIterator[AsyncSession]:
    async with conn.app.state.sessionmaker() as session:
        yield session


async def get_reporting_session(cfg: Settings = Depends(get_settings)) -> AsyncIterator[AsyncSession]:
    """Session on the read replica, for the heavier reporting queries."""
    engine = create_async_engine(cfg.reporting_database_url, pool_pre_ping=True)
    try:
        async with AsyncSession(engine) as session:
            yield session
    finally:
        await engine.dispose()


def get_bidder(conn: HTTPConnection) -> Bidder:
    return conn.app.state.bidder


def get_ingestor(conn: HTTPConnection) -> EventIngestor:
    return conn.app.state.ingestor


def get_reporting(conn: HTTPConnection) -> ReportingService:
    return conn.app.state.reporting


def get_hub(conn: HTTPConnection) -> DashboardHub:
    return conn.app.state.hub


def get_pacing(conn: HTTPConnection) -> PacingService:
    return conn.app.state.pacing


def get_campaign_service(conn: HTTPConnection, session: AsyncSession = Depends(get_session)) -> CampaignService:
    state = conn.app.state
    return CampaignService(
        session,
        exchange=state.exchange,
        brand_safety=state.brand_safety,
        cache=state.campaign_cache,
        pacing=state.pacing,
    )


def verify_secret(secret: str, salt: bytes, expected: bytes) -> bool:
    digest = hashlib.pbkdf2_hmac("sha256", secret.encode(), salt, settings.api_key_iterations)
    return hmac.compare_digest(digest, expected)


async def current_api_key(x_api_key: str = Header(...), session: AsyncSession = Depends(get_session)) -> ApiKey:
    prefix, _, secret = x_api_key.partition(".")
    key = await ApiKeyRepository(session).by_prefix(prefix)
    if key is None or not verify_secret(secret, key.salt, key.secret_hash):
        raise Unauthorized("invalid API key")
    return key


async def authenticate_ws_token(websocket: WebSocket) -> ApiKey | None:
    """Dashboard sockets pass the API key as ``?token=``; checked before ``accept``."""
    token = websocket.query_params.get("token", "")
    prefix, _, secret = token.partition(".")
    if not prefix or not secret:
        return None
    async with websocket.app.state.sessionmaker() as session:
        key = await ApiKeyRepository(session).by_prefix(prefix)
    if key is None:
        return None
    digest = await asyncio.to_thread(
        hashlib.pbkdf2_hmac, "sha256", secret.encode(), key.salt, settings.api_key_iterations
    )
    return key if hmac.compare_digest(digest, key.secret_hash) else None


CurrentKey = Annotated[ApiKey, Depends(current_api_key)]
DbSession = Annotated[AsyncSession, Depends(get_session)]
CampaignSvc = Annotated[CampaignService, Depends(get_campaign_service)]
ReportingSvc = Annotated[ReportingService, Depends(get_reporting)]
BidderDep = Annotated[Bidder, Depends(get_bidder)]
