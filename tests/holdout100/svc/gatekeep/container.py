from __future__ import annotations

import asyncpg

from .cache.cache import JsonCache, build_redis
from .clients.controller_http import ControllerHttpClient
from .clients.directory import DirectoryClient
from .clients.messaging import EmailClient, SmsClient
from .clients.mqtt import MqttBus
from .clients.storage import PhotoStore
from .db.session import build_engine, build_session_factory, create_pg_pool
from .repositories.events import EventRepository, ReportRunRepository
from .repositories.visitors import VisitorRepository
from .services.alarm_hub import AlarmHub
from .services.antipassback import AntiPassbackService
from .services.audit import AuditLog
from .services.console_hub import ConsoleHub
from .services.credentials import CredentialService
from .services.door_commands import DoorCommandService
from .services.ingestion import IngestionService
from .services.notifications import NotificationService
from .services.occupancy import OccupancyService, ZoneLocks
from .services.reports import AccessReviewService
from .services.visitors import PhotoService, VisitorService
from .settings import Settings


class Container:
    """Owns every long-lived client and service; built once per process."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.engine = build_engine(settings)
        self.session_factory = build_session_factory(self.engine)
        self.redis = build_redis(settings)
        self.mqtt = MqttBus(settings)
        self.controller_http = ControllerHttpClient(settings)
        self.sms = SmsClient(settings)
        self.email = EmailClient(settings)
        self.photo_store = PhotoStore(settings)
        self.directory = DirectoryClient(settings)
        self.audit = AuditLog(self.redis)
        self.cache = JsonCache(self.redis, "gk", default_ttl=60)
        self.zone_locks = ZoneLocks()
        self.occupancy = OccupancyService(self.redis, self.zone_locks)
        self.antipassback = AntiPassbackService(self.redis, self.zone_locks, self.occupancy)
        self.alarms = AlarmHub(settings, self.redis)
        self.console = ConsoleHub(self.redis)
        self.notifier = NotificationService(self.sms, self.email)
        self.photos = PhotoService(self.photo_store, settings)
        self.doors = DoorCommandService(
            self.session_factory,
            self.mqtt,
            self.controller_http,
            self.redis,
            self.audit,
            self.cache,
            push_concurrency=settings.controller_push_concurrency,
        )
        self.credentials = CredentialService(
            self.session_factory, self.redis, self.mqtt, self.controller_http, self.audit, self.cache, settings
        )
        self.pg_pool: asyncpg.Pool | None = None

    async def start(self) -> None:
        self.pg_pool = await create_pg_pool(self.settings)
        await self.controller_http.start()
        self.events = EventRepository(self.pg_pool)
        self.report_runs = ReportRunRepository(self.pg_pool)
        self.visitor_repo = VisitorRepository(self.pg_pool)
        self.visitors = VisitorService(self.visitor_repo, self.directory, self.notifier, self.photos, self.audit)
        self.ingestion = IngestionService(self.events, self.session_factory, self.redis, self.alarms, self.console)
        self.reports = AccessReviewService(self.session_factory, self.events, self.email, self.settings)

    async def close(self) -> None:
        await self.controller_http.close()
        await self.mqtt.close()
        await self.sms.aclose()
        await self.email.aclose()
        if self.pg_pool is not None:
            await self.pg_pool.close()
        await self.redis.aclose()
        await self.engine.dispose()
