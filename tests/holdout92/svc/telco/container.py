from __future__ import annotations

from dataclasses import dataclass

import asyncpg
import redis.asyncio as aioredis
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from telco.clients.fraud import FraudClient
from telco.clients.hlr_gateway import HlrGatewayClient
from telco.clients.payment import PaymentClient
from telco.clients.porting_clearinghouse import ClearinghouseClient
from telco.clients.sms_gateway import SmsGatewaySdk
from telco.repositories.balances import BalanceRepository
from telco.repositories.usage import UsageRepository
from telco.services.activation import ActivationService
from telco.services.audit import AuditLog
from telco.services.balance import BalanceService
from telco.services.billing import BillingService
from telco.services.bundles import BundleService
from telco.services.cdr_ingest import CdrIngestService
from telco.services.events import EventPublisher
from telco.services.fraud_screening import FraudScreening
from telco.services.notifications import NotificationService
from telco.services.otp import OtpService
from telco.services.porting import PortingService
from telco.services.rating import RatingService
from telco.services.reconciliation import ReconciliationService
from telco.services.statements import StatementWriter
from telco.services.tariffs import TariffCache
from telco.settings import Settings
from telco.utils.locks import SubscriberLocks
from telco.ws.noc_hub import NocHub


@dataclass
class Container:
    settings: Settings
    engine: AsyncEngine
    session_factory: async_sessionmaker[AsyncSession]
    pool: asyncpg.Pool
    redis: aioredis.Redis
    hlr: HlrGatewayClient
    clearinghouse: ClearinghouseClient
    payments: PaymentClient
    sms: SmsGatewaySdk
    usage: UsageRepository
    balances: BalanceService
    rating: RatingService
    activation: ActivationService
    porting: PortingService
    bundles: BundleService
    notifications: NotificationService
    otp: OtpService
    billing: BillingService
    ingest: CdrIngestService
    reconciliation: ReconciliationService
    noc_hub: NocHub

    async def close(self) -> None:
        await self.hlr.close()
        await self.clearinghouse.close()
        await self.payments.close()
        self.sms.close()
        await self.redis.aclose()
        await self.pool.close()
        await self.engine.dispose()


def build_container(
    settings: Settings,
    engine: AsyncEngine,
    session_factory: async_sessionmaker[AsyncSession],
    pool: asyncpg.Pool,
    redis: aioredis.Redis,
) -> Container:
    hlr = HlrGatewayClient(settings.hlr_base_url, settings.hlr_api_key)
    clearinghouse = ClearinghouseClient(settings.clearinghouse_url, settings.clearinghouse_operator_id)
    payments = PaymentClient(settings.payment_url, settings.payment_key)
    sms = SmsGatewaySdk(settings.sms_url, settings.sms_sender)
    audit = AuditLog(redis)
    locks = SubscriberLocks()
    balance_repo = BalanceRepository(pool)
    usage = UsageRepository(pool)
    balances = BalanceService(balance_repo, EventPublisher(redis), locks)
    rating = RatingService(TariffCache(pool), balances, usage, session_factory, locks, settings.home_plmn)
    notifications = NotificationService(sms, redis, session_factory)
    fraud = FraudScreening(FraudClient(settings.fraud_url, settings.fraud_key))
    return Container(
        settings=settings, engine=engine, session_factory=session_factory, pool=pool, redis=redis,
        hlr=hlr, clearinghouse=clearinghouse, payments=payments, sms=sms, usage=usage,
        balances=balances, rating=rating,
        activation=ActivationService(hlr, fraud, session_factory, audit, settings.iccid_pepper),
        porting=PortingService(clearinghouse, hlr, session_factory, balance_repo, notifications,
                               settings.clearinghouse_operator_id),
        bundles=BundleService(session_factory, payments, balances, redis, audit),
        notifications=notifications,
        otp=OtpService(notifications),
        billing=BillingService(usage, session_factory, StatementWriter(settings.statements_dir)),
        ingest=CdrIngestService(usage, rating),
        reconciliation=ReconciliationService(pool, hlr),
        noc_hub=NocHub(),
    )
