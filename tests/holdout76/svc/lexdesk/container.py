"""Builds the long-lived objects shared by the API process and the workers."""
from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass

import asyncpg
import httpx
import redis.asyncio as aioredis
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from lexdesk.clients.court_rules import CourtRulesClient
from lexdesk.clients.filing_provider import FilingProviderClient, build_filing_http
from lexdesk.clients.mailer import MailClient, SmsClient
from lexdesk.clients.ocr_engine import OcrEngineClient
from lexdesk.clients.storage import VaultStorage
from lexdesk.infra.db import build_engine, build_sessionmaker
from lexdesk.infra.locks import KeyedLocks, LoaderCache
from lexdesk.infra.pg import PgGateway, create_pg_pool
from lexdesk.infra.redis import JsonCache, create_pubsub_redis, create_redis
from lexdesk.repositories.billing import ReportRepository
from lexdesk.repositories.conflicts import ConflictRepository
from lexdesk.repositories.filings import FilingRepository
from lexdesk.services.activity import ActivityService
from lexdesk.services.billing import BillingService
from lexdesk.services.calendar import CalendarService
from lexdesk.services.conflicts import ConflictService
from lexdesk.services.documents import DocumentService
from lexdesk.services.efiling import EFilingService
from lexdesk.services.invoicing import InvoiceService
from lexdesk.services.matters import MatterService
from lexdesk.services.ocr import OcrConsumer, OcrQueue, OcrService
from lexdesk.services.presence import PresenceService
from lexdesk.services.reminders import ReminderService
from lexdesk.settings import Settings

log = logging.getLogger(__name__)


@dataclass
class Container:
    settings: Settings
    engine: AsyncEngine
    sessions: async_sessionmaker[AsyncSession]
    pg_pool: asyncpg.Pool
    pg: PgGateway
    redis: aioredis.Redis
    pubsub_redis: aioredis.Redis
    http: httpx.AsyncClient
    filing_http: httpx.AsyncClient
    storage: VaultStorage
    mailer: MailClient
    ocr_engine: OcrEngineClient
    filing_provider: FilingProviderClient
    court_rules: CourtRulesClient
    activity: ActivityService
    presence: PresenceService
    conflicts: ConflictService
    matters: MatterService
    billing: BillingService
    invoicing: InvoiceService
    documents: DocumentService
    ocr_consumer: OcrConsumer
    efiling: EFilingService
    calendar: CalendarService
    reminders: ReminderService

    async def close(self) -> None:
        await asyncio.gather(
            self.http.aclose(),
            self.filing_http.aclose(),
            self.ocr_engine.close(),
            return_exceptions=True,
        )
        self.mailer.close()
        await self.redis.aclose()
        await self.pubsub_redis.aclose()
        await self.pg_pool.close()
        await self.engine.dispose()


async def build_container(settings: Settings) -> Container:
    engine = build_engine(settings)
    sessions = build_sessionmaker(engine)
    pg_pool = await create_pg_pool(settings)
    pg = PgGateway(pg_pool, settings.pg_acquire_timeout)
    redis = create_redis(settings)
    pubsub_redis = create_pubsub_redis(settings)
    cache = JsonCache(redis)
    http = httpx.AsyncClient(headers={"User-Agent": "lexdesk/3"})
    filing_http = build_filing_http(settings)

    storage = VaultStorage(settings)
    mailer = MailClient(settings)
    sms = SmsClient(settings, http)
    ocr_engine = OcrEngineClient(settings)
    await ocr_engine.start()
    filing_provider = FilingProviderClient(settings, filing_http)
    court_rules = CourtRulesClient(settings, http)

    locks = KeyedLocks()
    memo = LoaderCache()
    activity = ActivityService(redis, pubsub_redis)
    presence = PresenceService(redis)
    conflicts = ConflictService(ConflictRepository(pg), cache)
    matters = MatterService(sessions, conflicts, activity)
    billing = BillingService(sessions, locks, activity, ReportRepository(pg_pool, settings.pg_acquire_timeout), cache)
    invoicing = InvoiceService(settings, sessions, locks, billing, storage, cache)
    ocr_queue = OcrQueue(redis)
    documents = DocumentService(sessions, storage, redis, activity, ocr_queue)
    ocr = OcrService(sessions, storage, ocr_engine, activity)
    reminders = ReminderService(mailer, sms)

    return Container(
        settings=settings, engine=engine, sessions=sessions, pg_pool=pg_pool, pg=pg, redis=redis,
        pubsub_redis=pubsub_redis, http=http, filing_http=filing_http, storage=storage,
        mailer=mailer, ocr_engine=ocr_engine, filing_provider=filing_provider, court_rules=court_rules,
        activity=activity, presence=presence, conflicts=conflicts, matters=matters, billing=billing,
        invoicing=invoicing, documents=documents, ocr_consumer=OcrConsumer(redis, ocr),
        efiling=EFilingService(settings, sessions, FilingRepository(pg), filing_provider, storage, redis, cache, activity),
        calendar=CalendarService(settings, sessions, court_rules, memo, reminders),
        reminders=reminders,
    )
