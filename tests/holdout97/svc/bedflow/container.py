from __future__ import annotations

from dataclasses import dataclass

import aiohttp
import asyncpg
from redis.asyncio import Redis
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from .clients.health_authority import HealthAuthorityClient
from .clients.interface_engine import InterfaceEngineAck
from .clients.vendor_sdks import PagerClient
from .clients.vendor_sdks import PorterDispatch
from .clients.push_gateway import PushGateway
from .clients.scoring_client import ScoringClient
from .db.engine import build_engine, build_sessionmaker, create_pg_pool
from .infra.cache import JsonCache
from .infra.locks import KeyedLocks
from .infra.redis import build_redis
from .realtime.handheld_hub import HandheldHub
from .realtime.hub import BoardHub
from .repositories.adt_events import AdtEventRepository
from .repositories.assignments import AssignmentRepository
from .repositories.cleaning import AuditRepository
from .repositories.beds import BedRepository
from .repositories.census import CensusRepository
from .repositories.cleaning import CleaningRepository
from .repositories.patients import PatientRepository
from .repositories.transport import TransportRepository
from .repositories.wards import WardRepository
from .services.adt_service import AdtService
from .services.assignment import AssignmentService
from .services.bed_board import BedBoardService
from .services.capacity_service import CapacityService
from .services.census_service import CensusService
from .services.cleaning_service import CleaningService
from .services.device_auth import DeviceAuthService
from .services.discharge_prediction import DischargePredictionService
from .services.isolation import IsolationService
from .services.notifications import NotificationService
from .services.transport_service import TransportService
from .settings import Settings


@dataclass
class Container:
    settings: Settings
    engine: AsyncEngine
    sessions: async_sessionmaker[AsyncSession]
    pool: asyncpg.Pool
    redis: Redis
    http_session: aiohttp.ClientSession
    cache: JsonCache
    locks: KeyedLocks
    board_hub: BoardHub
    handheld_hub: HandheldHub
    scoring: ScoringClient
    authority: HealthAuthorityClient
    push: PushGateway
    pager: PagerClient
    porter: PorterDispatch
    ack: InterfaceEngineAck
    notifier: NotificationService
    predictions: DischargePredictionService
    isolation: IsolationService
    device_auth: DeviceAuthService

    @classmethod
    async def create(cls, settings: Settings) -> "Container":
        engine = build_engine(settings)
        pool = await create_pg_pool(settings)
        redis = build_redis(settings)
        http_session = HealthAuthorityClient.build_session()
        cache = JsonCache(redis)
        board_hub = BoardHub(redis)
        handheld_hub = HandheldHub()
        scoring = ScoringClient(settings)
        push = PushGateway(settings)
        pager = PagerClient(settings.pager_url)
        notifier = NotificationService(board_hub, handheld_hub, push, pager)
        return cls(
            settings=settings,
            engine=engine,
            sessions=build_sessionmaker(engine),
            pool=pool,
            redis=redis,
            http_session=http_session,
            cache=cache,
            locks=KeyedLocks(),
            board_hub=board_hub,
            handheld_hub=handheld_hub,
            scoring=scoring,
            authority=HealthAuthorityClient(settings, http_session),
            push=push,
            pager=pager,
            porter=PorterDispatch(settings.porter_url),
            ack=InterfaceEngineAck(settings),
            notifier=notifier,
            predictions=DischargePredictionService(scoring, cache),
            isolation=IsolationService(),
            device_auth=DeviceAuthService(redis),
        )

    async def close(self) -> None:
        await self.scoring.aclose()
        await self.push.aclose()
        await self.http_session.close()
        await self.redis.aclose()
        await self.pool.close()
        await self.engine.dispose()

    # Per-session service graphs -------------------------------------------------

    def capacity(self) -> CapacityService:
        return CapacityService(WardRepository(self.pool), self.authority, self.redis, self.cache, self.settings)

    def census(self) -> CensusService:
        return CensusService(
            WardRepository(self.pool), CensusRepository(self.pool, self.settings), AdtEventRepository(self.pool)
        )

    def board(self, session: AsyncSession) -> BedBoardService:
        return BedBoardService(
            BedRepository(session), PatientRepository(self.pool), self.predictions, self.cache, self.locks, self.notifier
        )

    def cleaning(self, session: AsyncSession) -> CleaningService:
        return CleaningService(
            session, CleaningRepository(session), BedRepository(session), AuditRepository(session), self.notifier
        )

    def assignment(self, session: AsyncSession) -> AssignmentService:
        return AssignmentService(
            self.pool,
            BedRepository(session),
            AssignmentRepository(self.pool),
            PatientRepository(self.pool),
            self.isolation,
            self.locks,
            self.notifier,
            self.settings.hold_minutes,
        )

    def transport(self) -> TransportService:
        return TransportService(TransportRepository(self.pool), self.porter, self.locks)

    def adt(self, session: AsyncSession) -> AdtService:
        return AdtService(
            AdtEventRepository(self.pool),
            PatientRepository(self.pool),
            WardRepository(self.pool),
            BedRepository(session),
            self.board(session),
            self.cleaning(session),
            self.capacity(),
            self.notifier,
            self.locks,
            self.ack,
        )
