"""Wiring of long-lived clients and services shared by routers and workers."""
from __future__ import annotations

from dataclasses import dataclass

import httpx
import redis.asyncio as aioredis

from svc.clients.bank import BankClient
from svc.clients.fraud import FraudClient
from svc.clients.ocr import OcrClient
from svc.clients.valuation import ValuationClient
from svc.config import Settings
from svc.db.engine import Database
from svc.infra.locks import KeyedLocks
from svc.infra.ratelimit import FixedWindowLimiter
from svc.infra.storage import ObjectStorage
from svc.repositories.reporting import ReportingPool, ReportingRepository
from svc.services.assignment_service import AssignmentService
from svc.services.document_service import DocumentService
from svc.services.endorsement_service import EndorsementService
from svc.services.fnol_service import FnolService
from svc.services.fraud_service import FraudService
from svc.services.payout_service import PayoutService
from svc.services.policy_service import PolicyService
from svc.services.portal_service import ClaimantNotifier, PortalService
from svc.services.reserve_service import ReserveService
from svc.services.status_broadcaster import AdjusterFeed, StatusBroadcaster
from svc.services.valuation_service import ValuationService


def create_redis(settings: Settings) -> aioredis.Redis:
    pool = aioredis.BlockingConnectionPool.from_url(
        settings.redis_url,
        max_connections=50,
        timeout=5,
        socket_timeout=3,
        socket_connect_timeout=3,
        health_check_interval=30,
    )
    return aioredis.Redis(connection_pool=pool, decode_responses=True)


@dataclass
class Services:
    settings: Settings
    db: Database
    redis: aioredis.Redis
    reporting_pool: ReportingPool
    storage: ObjectStorage
    email_http: httpx.AsyncClient
    fraud_client: FraudClient
    valuation_client: ValuationClient
    bank: BankClient
    ocr: OcrClient
    broadcaster: StatusBroadcaster
    feed: AdjusterFeed
    policies: PolicyService
    endorsements: EndorsementService
    fraud: FraudService
    valuation: ValuationService
    fnol: FnolService
    assignments: AssignmentService
    reserves: ReserveService
    payouts: PayoutService
    documents: DocumentService
    portal: PortalService
    upload_limiter: FixedWindowLimiter

    @property
    def reporting(self) -> ReportingRepository:
        return ReportingRepository(self.reporting_pool.pool)


def build_services(settings: Settings) -> Services:
    db = Database(settings)
    redis = create_redis(settings)
    locks = KeyedLocks()
    storage = ObjectStorage(settings)
    email_http = httpx.AsyncClient(base_url="https://mail.insurer.example")
    fraud_client = FraudClient(settings)
    valuation_client = ValuationClient(settings)
    bank = BankClient(settings)
    broadcaster = StatusBroadcaster()
    feed = AdjusterFeed(redis)
    policies = PolicyService(db, redis)
    fraud = FraudService(fraud_client)
    valuation = ValuationService(valuation_client)
    return Services(
        settings=settings,
        db=db,
        redis=redis,
        reporting_pool=ReportingPool(settings),
        storage=storage,
        email_http=email_http,
        fraud_client=fraud_client,
        valuation_client=valuation_client,
        bank=bank,
        ocr=OcrClient(settings),
        broadcaster=broadcaster,
        feed=feed,
        policies=policies,
        endorsements=EndorsementService(db, policies),
        fraud=fraud,
        valuation=valuation,
        fnol=FnolService(db, redis, policies, fraud, valuation, broadcaster),
        assignments=AssignmentService(db, redis, feed, broadcaster, lock_ttl=settings.assignment_lock_ttl),
        reserves=ReserveService(db, locks),
        payouts=PayoutService(db, bank, locks, broadcaster),
        documents=DocumentService(db, storage, settings.max_upload_bytes),
        portal=PortalService(redis, ClaimantNotifier(email_http), settings.portal_pin_salt),
        upload_limiter=FixedWindowLimiter(redis, "portal-upload", limit=30, window=3600),
    )
