"""FastAPI dependency providers wiring request handlers to app-scoped resources."""
from __future__ import annotations

from fastapi import Depends, Request
from redis.asyncio import Redis
from sqlalchemy.ext.asyncio import AsyncSession

from adbid.config import Settings, get_settings
from adbid.db.engine import get_session
from adbid.repositories.events import EventsRepository
from adbid.services.bidder import Bidder
from adbid.services.campaign_service import CampaignService
from adbid.services.reporting import ReportingService
from adbid.services.tracking_service import TrackingService
from adbid.workers.report_worker import ReportWorker


def get_redis(request: Request) -> Redis:
    return request.app.state.redis


def get_events(request: Request) -> EventsRepository:
    return request.app.state.events


def get_bidder(request: Request) -> Bidder:
    return request.app.state.bidder


def get_tracking(request: Request) -> TrackingService:
    return request.app.state.tracking


def get_report_worker(request: Request) -> ReportWorker:
    return request.app.state.report_worker


def get_campaign_service(
    request: Request, session: AsyncSession = Depends(get_session)
) -> CampaignService:
    return CampaignService(session, request.app.state.campaign_cache, request.app.state.publisher)


def get_reporting(
    request: Request,
    session: AsyncSession = Depends(get_session),
    settings: Settings = Depends(get_settings),
) -> ReportingService:
    return ReportingService(settings, session, request.app.state.events, request.app.state.redis)
