from __future__ import annotations

import asyncio
from dataclasses import dataclass

import asyncpg
import redis.asyncio as redis
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from lifeline.cache.locks import KeyedLocks
from lifeline.cache.stock_cache import StockCache
from lifeline.clients.geo import GeoClient
from lifeline.clients.lab_api import LabClient
from lifeline.clients.label_printer import LabelPrinter
from lifeline.clients.messaging import MessagingClient
from lifeline.clients.mqtt_bridge import MqttBridge
from lifeline.repositories.appointments import AppointmentRepository
from lifeline.repositories.audit import AuditLog
from lifeline.repositories.sensors import SensorRepository
from lifeline.services.booking import BookingService
from lifeline.services.cold_chain import ColdChainService
from lifeline.services.crossmatch import CrossmatchService
from lifeline.services.dispatch import DispatchService
from lifeline.services.donors import DonorService
from lifeline.services.drives import DriveService
from lifeline.services.notifications import NotificationService
from lifeline.services.orders import OrderService
from lifeline.services.processing import ProcessingService
from lifeline.services.recalls import RecallService
from lifeline.services.reports import ReportService
from lifeline.services.stock import StockService
from lifeline.settings import Settings


@dataclass
class Container:
    settings: Settings
    engine: AsyncEngine
    sessions: async_sessionmaker[AsyncSession]
    pool: asyncpg.Pool
    redis: redis.Redis
    lab: LabClient
    messaging: MessagingClient
    geo: GeoClient
    bridge: MqttBridge
    donors: DonorService
    booking: BookingService
    drives: DriveService
    processing: ProcessingService
    cold_chain: ColdChainService
    orders: OrderService
    crossmatch: CrossmatchService
    dispatch: DispatchService
    stock: StockService
    notifications: NotificationService
    recalls: RecallService
    reports: ReportService
    audit: AuditLog

    async def aclose(self) -> None:
        await self.notifications.drain()
        await self.lab.aclose()
        await self.messaging.aclose()
        await self.geo.close()
        await self.pool.close()
        await self.redis.aclose()
        await self.engine.dispose()


async def build_container(
    settings: Settings,
    engine: AsyncEngine,
    sessions: async_sessionmaker[AsyncSession],
    pool: asyncpg.Pool,
    cache: redis.Redis,
) -> Container:
    lab = LabClient(settings)
    messaging = MessagingClient(settings)
    geo = GeoClient(settings)
    await geo.start()
    audit = AuditLog(pool)
    stock_cache = StockCache(cache)
    capacity_lock = asyncio.Lock()
    drives = DriveService(pool, capacity_lock)
    cold_chain = ColdChainService(settings, SensorRepository(pool), stock_cache)
    await cold_chain.refresh_thresholds()
    return Container(
        settings=settings,
        engine=engine,
        sessions=sessions,
        pool=pool,
        redis=cache,
        lab=lab,
        messaging=messaging,
        geo=geo,
        bridge=MqttBridge(settings),
        donors=DonorService(cache),
        booking=BookingService(AppointmentRepository(pool), drives, capacity_lock),
        drives=drives,
        processing=ProcessingService(lab, LabelPrinter(settings.label_printer_host, settings.label_printer_port), audit),
        cold_chain=cold_chain,
        orders=OrderService(lab, stock_cache, KeyedLocks()),
        crossmatch=CrossmatchService(lab, cache),
        dispatch=DispatchService(geo),
        stock=StockService(cache, stock_cache, settings.low_stock_threshold),
        notifications=NotificationService(messaging),
        recalls=RecallService(messaging, audit),
        reports=ReportService(settings),
        audit=audit,
    )
