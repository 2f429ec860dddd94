"""Wiring of clients, repositories and services; built once per process."""
from __future__ import annotations

from dataclasses import dataclass

import asyncpg
import redis.asyncio as aioredis
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from dispensary.cache.redis_client import build_redis
from dispensary.clients.drugdb import DrugDbClient
from dispensary.clients.exchange import ExchangeClient
from dispensary.clients.payer import PayerClient
from dispensary.clients.sms import SmsGateway
from dispensary.clients.wholesaler import WholesalerClient
from dispensary.db.connections import build_engine, build_sessionmaker, create_pg_pool
from dispensary.repositories.controlled import ControlledRegisterRepository
from dispensary.repositories.dispensing import QueueRepository
from dispensary.services.chat import ChatHub
from dispensary.services.claims import ClaimsService
from dispensary.services.controlled import ControlledSubstanceService
from dispensary.services.dispensing import DispensingService
from dispensary.services.interactions import InteractionService
from dispensary.services.labels import LabelService
from dispensary.services.notifications import NotificationService
from dispensary.services.patients import PatientService
from dispensary.services.staff import PharmacistDirectory, StaffAuth
from dispensary.services.prescriptions import PrescriptionService
from dispensary.services.queue_feed import QueueFeed
from dispensary.services.stock import BranchLocks, StockService
from dispensary.settings import Settings


@dataclass
class Container:
    settings: Settings
    engine: AsyncEngine
    sessions: async_sessionmaker[AsyncSession]
    pg_pool: asyncpg.Pool
    redis: aioredis.Redis
    exchange: ExchangeClient
    drugdb: DrugDbClient
    payer: PayerClient
    sms: SmsGateway
    wholesaler: WholesalerClient
    auth: StaffAuth
    queue_feed: QueueFeed
    chat: ChatHub
    patients: PatientService
    interactions: InteractionService
    stock: StockService
    controlled: ControlledSubstanceService
    notifications: NotificationService
    claims: ClaimsService
    prescriptions: PrescriptionService
    dispensing: DispensingService

    async def aclose(self) -> None:
        await self.chat.stop()
        await self.exchange.aclose()
        await self.payer.aclose()
        await self.drugdb.close()
        self.wholesaler.close()
        await self.pg_pool.close()
        await self.redis.aclose()
        await self.engine.dispose()


async def build_container(settings: Settings) -> Container:
    engine = build_engine(settings)
    sessions = build_sessionmaker(engine)
    pg_pool = await create_pg_pool(settings)
    redis = build_redis(settings)

    exchange = ExchangeClient(settings)
    drugdb = DrugDbClient(settings)
    await drugdb.start()
    payer = PayerClient(settings)
    sms = SmsGateway(settings)
    wholesaler = WholesalerClient(settings)

    locks = BranchLocks()
    feed = QueueFeed()
    queue = QueueRepository(pg_pool)
    stock = StockService(sessions, redis, locks)
    controlled = ControlledSubstanceService(
        ControlledRegisterRepository(pg_pool), stock, locks, redis, settings.controlled_daily_limit
    )
    interactions = InteractionService(drugdb, redis, sessions)
    notifications = NotificationService(sms, redis, sessions)
    claims = ClaimsService(sessions, payer, settings)
    prescriptions = PrescriptionService(sessions, exchange, drugdb, interactions, queue, feed)
    dispensing = DispensingService(
        sessions,
        queue,
        stock,
        controlled,
        claims,
        notifications,
        LabelService(settings),
        PharmacistDirectory(pg_pool),
        feed,
        exchange,
    )
    return Container(
        settings=settings,
        engine=engine,
        sessions=sessions,
        pg_pool=pg_pool,
        redis=redis,
        exchange=exchange,
        drugdb=drugdb,
        payer=payer,
        sms=sms,
        wholesaler=wholesaler,
        auth=StaffAuth(redis),
        queue_feed=feed,
        chat=ChatHub(redis, pg_pool),
        patients=PatientService(sessions, redis),
        interactions=interactions,
        stock=stock,
        controlled=controlled,
        notifications=notifications,
        claims=claims,
        prescriptions=prescriptions,
        dispensing=dispensing,
    )
