from __future__ import annotations

import asyncio
import random
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

import asyncpg
import redis.asyncio as redis
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from fieldops.cache.store import build_redis
from fieldops.clients.messaging import EmailClient, SmsClient
from fieldops.clients.supplier_catalog import SupplierCatalogClient
from fieldops.db.connections import build_engine, build_sessionmaker, create_pg_pool
from fieldops.logging_setup import get_logger
from fieldops.settings import Settings

logger = get_logger(__name__)


@dataclass
class Resources:
    settings: Settings
    engine: AsyncEngine
    sessionmaker: async_sessionmaker[AsyncSession]
    pg_pool: asyncpg.Pool
    redis: redis.Redis
    sms: SmsClient
    email: EmailClient
    supplier: SupplierCatalogClient

    async def close(self) -> None:
        await self.supplier.close()
        await self.email.aclose()
        await self.redis.aclose()
        await self.pg_pool.close()
        await self.engine.dispose()


async def build_resources(settings: Settings) -> Resources:
    engine = build_engine(settings)
    return Resources(
        settings=settings,
        engine=engine,
        sessionmaker=build_sessionmaker(engine),
        pg_pool=await create_pg_pool(settings),
        redis=build_redis(settings),
        sms=SmsClient(settings.sms_account_sid, settings.sms_auth_token, settings.sms_sender),
        email=EmailClient(settings.email_base_url, settings.email_api_key),
        supplier=SupplierCatalogClient(settings.supplier_base_url, settings.supplier_api_key),
    )


async def supervise(name: str, factory: Callable[[], Awaitable[None]], *, max_delay: float = 60.0) -> None:
    """Run a long-lived coroutine, restarting it with capped exponential backoff if it crashes."""
    delay = 1.0
    while True:
        try:
            await factory()
            logger.info("worker exited cleanly", worker=name)
            return
        except asyncio.CancelledError:
            raise
        except Exception:
            logger.exception("worker crashed, restarting", worker=name, delay=delay)
            await asyncio.sleep(delay + random.uniform(0, delay / 4))
            delay = min(delay * 2, max_delay)
