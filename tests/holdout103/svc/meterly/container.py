from __future__ import annotations

from dataclasses import dataclass

import asyncpg
from redis.asyncio import Redis
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from .clients.email import MailClient
from .clients.fx import FxClient
from .clients.payments import PaymentsClient
from .clients.storage import SpecArchive
from .clients.tax_sdk import VatChecker
from .clients.webhook_sender import WebhookSender
from .core.ratelimit import FallbackLimiter, KeyRateLimiter
from .services.analytics import AnalyticsService
from .services.billing import BillingService
from .services.dashboard import LiveUsageFeed
from .services.gateway_config import GatewayConfigService
from .services.keys import KeyService
from .services.metering import MeteringService
from .services.notifications import Notifier
from .services.specs import SpecService
from .services.tenants import TenantService
from .services.webhooks import WebhookService
from .settings import Settings


@dataclass
class Container:
    settings: Settings
    engine: AsyncEngine
    sessions: async_sessionmaker[AsyncSession]
    redis: Redis
    pool: asyncpg.Pool
    payments: PaymentsClient
    fx: FxClient
    mail: MailClient
    sender: WebhookSender
    tenants: TenantService
    keys: KeyService
    limiter: KeyRateLimiter
    fallback_limiter: FallbackLimiter
    metering: MeteringService
    billing: BillingService
    webhooks: WebhookService
    specs: SpecService
    analytics: AnalyticsService
    live_feed: LiveUsageFeed
    gateway_config: GatewayConfigService
    notifier: Notifier
    node_tokens: dict[str, str]

    @classmethod
    def build(cls, settings: Settings, engine: AsyncEngine, sessions: async_sessionmaker[AsyncSession],
              redis: Redis, pool: asyncpg.Pool, node_tokens: dict[str, str]) -> "Container":
        payments = PaymentsClient(settings)
        fx = FxClient(settings.fx_base_url)
        mail = MailClient(settings.mail_base_url, settings.mail_api_key)
        sender = WebhookSender()
        tenants = TenantService(redis)
        return cls(
            settings=settings, engine=engine, sessions=sessions, redis=redis, pool=pool,
            payments=payments, fx=fx, mail=mail, sender=sender, tenants=tenants,
            keys=KeyService(redis, tenants),
            limiter=KeyRateLimiter(redis),
            fallback_limiter=FallbackLimiter(redis),
            metering=MeteringService(redis, pool, sessions, tenants),
            billing=BillingService(sessions, payments, fx, VatChecker(settings.vat_api_key), settings.invoice_currency),
            webhooks=WebhookService(sessions, sender, settings.webhook_max_attempts),
            specs=SpecService(SpecArchive(settings.spec_bucket)),
            analytics=AnalyticsService(redis, pool, settings.raw_dsn),
            live_feed=LiveUsageFeed(redis, settings.dashboard_max_connections_per_tenant),
            gateway_config=GatewayConfigService(sessions, redis),
            notifier=Notifier(mail, settings.email_templates_dir),
            node_tokens=node_tokens,
        )

    async def start(self) -> None:
        await self.mail.start()
        await self.sender.start()
        await self.live_feed.start()

    async def close(self) -> None:
        await self.live_feed.stop()
        await self.sender.close()
        await self.mail.close()
        await self.payments.aclose()
        await self.fx.aclose()
        await self.pool.close()
        await self.redis.aclose()
        await self.engine.dispose()
