"""Long-lived clients and services, built once in the lifespan and shared by requests."""
from __future__ import annotations

from dataclasses import dataclass

import asyncpg
import httpx
from redis.asyncio import Redis
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from .clients.card_processor import CardProcessorClient
from .clients.fx import AlphaFxClient, BetaFxClient
from .clients.payouts import BankRailClient, MobiWalletClient, PayoutPartnerClient, PickupNetClient
from .clients.screening_api import ScreeningApiClient
from .clients.storage import DocumentStore
from .db import build_engine, build_raw_pool, build_sessionmaker
from .realtime.hub import TrackingHub
from .realtime.ops_desk import OpsDesk
from .redis_client import build_redis
from .repositories.events import EventRepository
from .repositories.ledger import LedgerRepository
from .repositories.limits import LimitRepository
from .services.customers import CustomerService
from .services.events import AuditLog, TransferEvents
from .services.fees import FeeCalculator
from .services.funding import FundingService
from .services.kyc import KycService
from .services.ledger import LedgerService
from .services.limits import CorridorLimiter
from .services.notifications import Notifier
from .services.payouts import PayoutService
from .services.quotes import QuoteService
from .services.screening import ScreeningService
from .services.transfers import TransferService
from .settings import Settings


@dataclass
class Container:
    settings: Settings
    engine: AsyncEngine
    sessions: async_sessionmaker[AsyncSession]
    pool: asyncpg.Pool
    redis: Redis
    http: httpx.AsyncClient
    partners: dict[str, PayoutPartnerClient]
    alpha: AlphaFxClient
    beta: BetaFxClient
    screening_client: ScreeningApiClient
    processor: CardProcessorClient
    hub: TrackingHub
    ops_desk: OpsDesk
    publisher: TransferEvents
    ledger: LedgerService
    quotes: QuoteService
    limiter: CorridorLimiter
    screening: ScreeningService
    funding: FundingService
    payouts: PayoutService
    transfers: TransferService
    customers: CustomerService
    kyc: KycService

    async def close(self) -> None:
        for client in self.partners.values():
            await client.aclose()
        await self.alpha.aclose()
        await self.beta.aclose()
        await self.screening_client.aclose()
        await self.processor.aclose()
        await self.http.aclose()
        await self.redis.aclose()
        await self.pool.close()
        await self.engine.dispose()


async def build_container(settings: Settings) -> Container:
    engine = build_engine(settings)
    pool = await build_raw_pool(settings)
    redis = build_redis(settings)
    http = httpx.AsyncClient(timeout=httpx.Timeout(5.0, connect=2.0))
    partners: dict[str, PayoutPartnerClient] = {
        "bankrail": BankRailClient(settings.bank_partner_url, settings.partner_api_key),
        "mobiwallet": MobiWalletClient(settings.wallet_partner_url, settings.partner_api_key),
        "pickupnet": PickupNetClient(settings.cash_partner_url, settings.partner_api_key),
    }
    alpha = AlphaFxClient(settings.fx_alpha_url, settings.fx_alpha_client_id, settings.fx_alpha_client_secret)
    beta = BetaFxClient(settings.fx_beta_url, settings.fx_beta_api_key)
    screening_client = ScreeningApiClient(settings.screening_url, settings.screening_api_key)
    processor = CardProcessorClient(settings.card_processor_url, settings.card_processor_key)
    fees = FeeCalculator()
    publisher = TransferEvents(redis)
    ledger = LedgerService(LedgerRepository(pool))
    ops_desk = OpsDesk()
    audit = AuditLog(pool)
    notifier = Notifier(http, "https://sms.gateway.example/send")
    quotes = QuoteService(alpha, beta, redis, fees, settings.quote_ttl_seconds)
    limiter = CorridorLimiter(LimitRepository(pool), redis)
    screening = ScreeningService(screening_client, ops_desk, settings.screening_threshold)
    funding = FundingService(processor, EventRepository(pool), ledger, publisher)
    payouts = PayoutService(partners, ledger, funding, publisher, audit, notifier)
    return Container(
        settings=settings, engine=engine, sessions=build_sessionmaker(engine), pool=pool, redis=redis,
        http=http, partners=partners, alpha=alpha, beta=beta, screening_client=screening_client,
        processor=processor, hub=TrackingHub(redis), ops_desk=ops_desk, publisher=publisher, ledger=ledger,
        quotes=quotes, limiter=limiter, screening=screening, funding=funding, payouts=payouts,
        transfers=TransferService(quotes, limiter, screening, ledger, fees, publisher),
        customers=CustomerService(redis), kyc=KycService(DocumentStore(settings.document_bucket), redis),
    )
