"""Long-lived clients and per-request service construction."""
from __future__ import annotations

from dataclasses import dataclass, field

import asyncpg
import httpx
import redis.asyncio as redis
from sqlalchemy.ext.asyncio import AsyncSession

from freightline.cache import RateCache
from freightline.clients.fmcsa import FmcsaClient
from freightline.clients.ocr import OcrClient
from freightline.clients.payments import PaymentsClient
from freightline.clients.rates import DatClient, TruckstopClient
from freightline.clients.storage import DocumentStorage
from freightline.config import Settings
from freightline.repositories.positions import PositionRepository
from freightline.services.bidding import BiddingService
from freightline.services.compliance import ComplianceService
from freightline.services.documents import DocumentService
from freightline.services.loads import LoadService
from freightline.services.matching import MatchingService
from freightline.services.notify import Notifier
from freightline.services.payouts import PayoutService
from freightline.services.quotes import QuoteService
from freightline.services.tracking import TrackingService
from freightline.utils.locks import EntityLocks
from freightline.ws.hub import TrackingHub


def create_redis(settings: Settings) -> redis.Redis:
    return redis.Redis.from_url(
        settings.redis_url,
        decode_responses=True,
        socket_timeout=2.0,
        socket_connect_timeout=2.0,
        health_check_interval=30,
        max_connections=100,
    )


@dataclass
class Services:
    settings: Settings
    redis: redis.Redis
    positions_pool: asyncpg.Pool
    webhook_http: httpx.AsyncClient
    dat: DatClient
    truckstop: TruckstopClient
    fmcsa: FmcsaClient
    ocr: OcrClient
    payments: PaymentsClient
    storage: DocumentStorage
    hub: TrackingHub = field(default_factory=TrackingHub)
    locks: EntityLocks = field(default_factory=EntityLocks)
    rate_cache: RateCache = field(default_factory=RateCache)

    def __post_init__(self) -> None:
        self.positions = PositionRepository(self.positions_pool)
        self.notifier = Notifier(self.redis, self.webhook_http, self.settings.payments_base_url)
        self.tracking = TrackingService(self.positions, self.hub, self.redis)

    def loads(self, session: AsyncSession) -> LoadService:
        return LoadService(session, self.redis)

    def compliance(self, session: AsyncSession) -> ComplianceService:
        return ComplianceService(session, self.fmcsa, self.locks)

    def bidding(self, session: AsyncSession) -> BiddingService:
        return BiddingService(session, self.compliance(session), self.notifier, self.locks, self.settings)

    def quotes(self, session: AsyncSession) -> QuoteService:
        return QuoteService(session, self.dat, self.truckstop, self.rate_cache, self.settings)

    def documents(self, session: AsyncSession) -> DocumentService:
        return DocumentService(session, self.storage, self.ocr)

    def matching(self, session: AsyncSession) -> MatchingService:
        return MatchingService(session, self.positions)

    def payouts(self, session: AsyncSession) -> PayoutService:
        return PayoutService(session, self.payments, self.redis, self.locks)

    async def aclose(self) -> None:
        await self.dat.aclose()
        await self.fmcsa.aclose()
        await self.payments.aclose()
        await self.ocr.close()
        await self.webhook_http.aclose()
        await self.positions_pool.close()
        await self.redis.aclose()
