"""Wires the long-lived clients and services; one instance per process."""
from __future__ import annotations

from dataclasses import dataclass

import asyncpg
import httpx
import redis.asyncio as redis
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from loyalty.cache.member_profile import BalanceCache
from loyalty.cache.reward_catalog import CatalogCache
from loyalty.cache.tier_rules import TierRulesCache
from loyalty.clients.fraud_client import FraudClient
from loyalty.clients.notifications import PushNotifier
from loyalty.clients.partner_api import PartnerClient
from loyalty.config import Settings
from loyalty.repositories.transactions_repo import TransactionsRepository
from loyalty.redis_client import BalancePublisher
from loyalty.services.campaigns import CampaignService
from loyalty.services.earning import EarningService
from loyalty.services.fraud import FraudService
from loyalty.services.ledger import LedgerService
from loyalty.services.members import MemberService
from loyalty.services.redemption import RedemptionService
from loyalty.services.segments import SegmentService
from loyalty.services.statements import StatementService
from loyalty.services.tiers import TierService
from loyalty.services.vouchers import VoucherService
from loyalty.workers.expiry import ExpiryJob


@dataclass
class Services:
    members: MemberService
    ledger: LedgerService
    earning: EarningService
    redemption: RedemptionService
    vouchers: VoucherService
    statements: StatementService
    segments: SegmentService
    catalog: CatalogCache
    expiry: ExpiryJob
    notifier: PushNotifier
    partner: PartnerClient
    fraud_client: FraudClient
    http: httpx.AsyncClient

    async def aclose(self) -> None:
        await self.partner.close()
        await self.notifier.aclose()
        await self.fraud_client.close()
        await self.http.aclose()


async def build_services(settings: Settings, sessions: async_sessionmaker[AsyncSession], pool: asyncpg.Pool,
                         redis_client: redis.Redis) -> Services:
    partner = PartnerClient(settings)
    fraud_client = FraudClient(settings)
    await fraud_client.start()
    http = httpx.AsyncClient(timeout=httpx.Timeout(10.0, connect=3.0))
    txns = TransactionsRepository(pool)
    balance_cache = BalanceCache(redis_client)
    publisher = BalancePublisher(redis_client)
    tier_rules = TierRulesCache(sessions)
    ledger = LedgerService(sessions, settings.points_expiry_days)
    fraud = FraudService(fraud_client, settings)
    earning = EarningService(
        sessions=sessions,
        txns=txns,
        fraud=fraud,
        tier_rules=tier_rules,
        tiers=TierService(tier_rules),
        ledger=ledger,
        campaigns=CampaignService(),
        balance_cache=balance_cache,
        publisher=publisher,
        points_rate=settings.points_per_currency_unit,
    )
    return Services(
        members=MemberService(balance_cache, txns),
        ledger=ledger,
        earning=earning,
        redemption=RedemptionService(sessions, redis_client, partner, fraud, ledger, balance_cache, publisher),
        vouchers=VoucherService(sessions, partner, ledger),
        statements=StatementService(settings),
        segments=SegmentService(txns),
        catalog=CatalogCache(partner),
        expiry=ExpiryJob(sessions, balance_cache, publisher, settings.expiry_batch_size),
        notifier=PushNotifier(settings),
        partner=partner,
        fraud_client=fraud_client,
        http=http,
    )
