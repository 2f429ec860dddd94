"""Wires clients, repositories and services together once per process."""
from __future__ import annotations

from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import asyncpg
from fastapi import Request
from redis.asyncio import Redis
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from transit.cache.arrival_cache import ArrivalCache, VehicleSnapshotCache
from transit.clients.operator_feed import OperatorFeedClient
from transit.clients.payments import PaymentsClient
from transit.clients.push import PushClient
from transit.clients.routing_engine import RoutingEngineClient
from transit.clients.sms import SmsGateway
from transit.config import Settings
from transit.db.pool import Database
from transit.gtfs.static_loader import StaticFeedLoader
from transit.repos.alerts import AlertsRepository
from transit.repos.arrivals import ArrivalsRepository
from transit.repos.positions import (
    PositionHistoryRepository,
    PositionsRepository,
    RidershipRepository,
    TripUpdatesRepository,
)
from transit.repos.stops import StopsRepository
from transit.services.alerts import AlertFanoutService
from transit.services.fares import AccountService, FareService
from transit.services.ingest import IngestService
from transit.services.notifications import NotificationService
from transit.services.predictions import PredictionService
from transit.services.ridership import OpenDataPublisher, RidershipService
from transit.services.static_data import StaticDataService
from transit.services.trip_planner import TripPlanner
from transit.services.vehicle_hub import VehicleHub


@dataclass
class Container:
    settings: Settings
    db: Database
    engine: AsyncEngine
    sessions: async_sessionmaker[AsyncSession]
    redis: Redis
    feed_client: OperatorFeedClient
    routing: RoutingEngineClient
    payments: PaymentsClient
    push: PushClient
    decoder_pool: ProcessPoolExecutor
    positions: PositionsRepository
    history: PositionHistoryRepository
    trip_updates: TripUpdatesRepository
    arrivals: ArrivalsRepository
    alerts: AlertsRepository
    stops: StopsRepository
    ridership_repo: RidershipRepository
    snapshots: VehicleSnapshotCache
    ingest: IngestService
    predictions: PredictionService
    planner: TripPlanner
    fares: FareService
    accounts: AccountService
    notifications: NotificationService
    fanout: AlertFanoutService
    hub: VehicleHub
    ridership: RidershipService
    static_data: StaticDataService


def build_container(
    settings: Settings,
    pool: asyncpg.Pool,
    engine: AsyncEngine,
    sessions: async_sessionmaker[AsyncSession],
    redis: Redis,
) -> Container:
    db = Database(pool, settings.db_acquire_timeout)
    positions = PositionsRepository(db)
    trip_updates = TripUpdatesRepository(db)
    arrivals = ArrivalsRepository(db)
    alerts = AlertsRepository(db)
    stops = StopsRepository(db)
    ridership_repo = RidershipRepository(db)
    snapshots = VehicleSnapshotCache(redis, settings.vehicle_snapshot_ttl_s)
    decoder_pool = ProcessPoolExecutor(max_workers=2)
    feed_client = OperatorFeedClient()
    routing = RoutingEngineClient(settings.routing_engine_url)
    payments = PaymentsClient(settings.payments_url, settings.payments_api_key)
    push = PushClient(settings.push_url, settings.push_api_key)
    sms = SmsGateway(settings.sms_url, settings.sms_api_key)
    ingest = IngestService(positions, trip_updates, arrivals, alerts, snapshots, decoder_pool)
    notifications = NotificationService(push, sms, redis, settings.sms_daily_limit)
    return Container(
        settings=settings,
        db=db,
        engine=engine,
        sessions=sessions,
        redis=redis,
        feed_client=feed_client,
        routing=routing,
        payments=payments,
        push=push,
        decoder_pool=decoder_pool,
        positions=positions,
        history=PositionHistoryRepository(db),
        trip_updates=trip_updates,
        arrivals=arrivals,
        alerts=alerts,
        stops=stops,
        ridership_repo=ridership_repo,
        snapshots=snapshots,
        ingest=ingest,
        predictions=PredictionService(ArrivalCache(redis, settings.arrivals_ttl_s), arrivals, stops, ingest),
        planner=TripPlanner(routing, redis, stops, trip_updates, settings.plan_cache_ttl_s),
        fares=FareService(sessions, payments, settings.daily_fare_cap_cents),
        accounts=AccountService(sessions, settings.jwt_secret),
        notifications=notifications,
        fanout=AlertFanoutService(alerts, sessions, notifications),
        hub=VehicleHub(redis),
        ridership=RidershipService(db, ridership_repo, OpenDataPublisher(settings.open_data_upload_url, settings.operator_key)),
        static_data=StaticDataService(stops, StaticFeedLoader(db, Path(settings.static_feed_dir))),
    )


def container(request: Request) -> Container:
    return request.app.state.container
