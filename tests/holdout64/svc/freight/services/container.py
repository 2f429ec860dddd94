from __future__ import annotations

from dataclasses import dataclass

import asyncpg
import httpx
import redis.asyncio as aioredis
from sqlalchemy.ext.asyncio import async_sessionmaker

from ..caches import CarrierCache
from ..caches import QuoteCache
from ..clients.eld import EldClient
from ..clients.email_client import Mailer
from ..clients.factoring import FactoringClient
from ..clients.compliance import FmcsaClient
from ..clients.compliance import InsuranceClient
from ..clients.market_rates import MarketRatesClient
from ..config import settings
from ..metrics import RejectTally
from ..repositories.tracking import TrackingRepository
from ..ws.board import BoardHub
from .bid_service import BidService
from .compliance_service import ComplianceService
from .factoring_service import FactoringService
from .invoice_service import InvoiceService
from .load_service import LoadService
from .matching_service import MatchingService
from .notification_service import NotificationService
from .pricing_service import PricingService
from .rate_conf_service import RateConfService
from .tender_service import TenderService
from .tracking_service import TrackingService


@dataclass
class Services:
    sessions: async_sessionmaker
    redis: aioredis.Redis
    loads: LoadService
    bids: BidService
    tenders: TenderService
    compliance: ComplianceService
    invoices: InvoiceService
    factoring: FactoringService
    tracking: TrackingService
    pricing: PricingService
    matching: MatchingService
    notifications: NotificationService
    rate_confs: RateConfService
    fmcsa: FmcsaClient
    eld: EldClient
    mailer: Mailer
    carrier_cache: CarrierCache
    rejects: RejectTally

    @classmethod
    def build(
        cls,
        *,
        session_factory: async_sessionmaker,
        redis: aioredis.Redis,
        tracking_pool: asyncpg.Pool,
        fmcsa: FmcsaClient,
        insurance: InsuranceClient,
        factoring: FactoringClient,
        eld: EldClient,
        market: MarketRatesClient,
        mailer: Mailer,
        carrier_cache: CarrierCache,
        quote_cache: QuoteCache,
        hub: BoardHub,
    ) -> "Services":
        webhook_http = httpx.AsyncClient(timeout=httpx.Timeout(5.0))
        notifications = NotificationService(mailer, redis, webhook_http)
        rate_confs = RateConfService(mailer, settings.mail_from)
        compliance = ComplianceService(session_factory, fmcsa, insurance, carrier_cache, settings.compliance_concurrency)
        tenders = TenderService(session_factory, carrier_cache, rate_confs, notifications, eld)
        rejects = RejectTally()
        return cls(
            sessions=session_factory,
            redis=redis,
            loads=LoadService(session_factory, hub, notifications),
            bids=BidService(session_factory, carrier_cache, compliance, tenders, notifications),
            tenders=tenders,
            compliance=compliance,
            invoices=InvoiceService(session_factory),
            factoring=FactoringService(session_factory, factoring),
            tracking=TrackingService(session_factory, TrackingRepository(tracking_pool), rejects),
            pricing=PricingService(market, quote_cache),
            matching=MatchingService(session_factory),
            notifications=notifications,
            rate_confs=rate_confs,
            fmcsa=fmcsa,
            eld=eld,
            mailer=mailer,
            carrier_cache=carrier_cache,
            rejects=rejects,
        )
