from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Header, HTTPException, Request
from redis.asyncio import Redis
from sqlalchemy.ext.asyncio import AsyncSession

from svc.clients.ad_server import AdServerClient
from svc.clients.encoder import EncoderClient
from svc.clients.payments import PaymentsClient
from svc.db.engine import get_session
from svc.db.models import Creator
from svc.redis_client import get_redis
from svc.repositories.shows import ShowRepository
from svc.services.analytics import AnalyticsIngestor, AnalyticsQueries
from svc.services.feeds import FeedService
from svc.services.listeners import BoundedListenerHub, ListenerHub
from svc.services.webhooks import WebhookService
from svc.utils.signing import hash_token

SessionDep = Annotated[AsyncSession, Depends(get_session)]


def redis_dep() -> Redis:
    return get_redis()


RedisDep = Annotated[Redis, Depends(redis_dep)]


async def current_creator(session: SessionDep, authorization: Annotated[str | None, Header()] = None) -> Creator:
    if not authorization or not authorization.startswith("Bearer "):
        raise HTTPException(status_code=401, detail="missing bearer token")
    creator = await ShowRepository(session).creator_by_token_hash(hash_token(authorization[7:]))
    if creator is None:
        raise HTTPException(status_code=401, detail="invalid token")
    return creator


CreatorDep = Annotated[Creator, Depends(current_creator)]


def encoder(request: Request) -> EncoderClient:
    return request.app.state.encoder


def ad_server(request: Request) -> AdServerClient:
    return request.app.state.ad_server


def payments(request: Request) -> PaymentsClient:
    return request.app.state.payments


def ingestor(request: Request) -> AnalyticsIngestor:
    return request.app.state.ingestor


def public_hub(request: Request) -> ListenerHub:
    return request.app.state.public_hub


def studio_hub(request: Request) -> BoundedListenerHub:
    return request.app.state.studio_hub


def feed_service(session: SessionDep, redis: RedisDep) -> FeedService:
    return FeedService(session, redis)


def webhook_service() -> WebhookService:
    return WebhookService()


def analytics_queries() -> AnalyticsQueries:
    return AnalyticsQueries()
