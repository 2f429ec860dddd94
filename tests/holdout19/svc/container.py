from __future__ import annotations

import asyncio
from dataclasses import dataclass

import asyncpg
from redis.asyncio import Redis
from sqlalchemy.ext.asyncio import AsyncEngine

from svc.clients.card_issuer import CardIssuerClient
from svc.clients.fx import FxClient
from svc.clients.kyc import KycClient
from svc.clients.push import PushGateway
from svc.clients.kyc import SanctionsClient
from svc.config import Settings
from svc.db.pool import create_engine, create_pg_pool, create_sessionmaker
from svc.realtime import NotificationHub, RatesHub
from svc.redis_clients import create_cache_client, create_idempotency_client, create_ratelimit_client
from svc.repositories.accounts import UserRepository, WalletRepository
from svc.repositories.payments import LedgerRepository, TransferRepository
from svc.repositories.records import CardRepository, KycRepository, NotificationRepository, StatementRepository
from svc.services.accounts import AccountService, WalletService
from svc.services.compliance import CardService, KycService
from svc.services.fx import PortfolioService, QuoteService, RateBook
from svc.services.ledger import LedgerService
from svc.services.limits import DeviceRiskScorer, LimitService
from svc.services.notifications import AuditLog, NotificationService
from svc.services.statements import StatementService
from svc.services.transfers import TransferService
from svc.workers.fx_refresher import FxRefresher
from svc.workers.realtime import HubDispatcher, PresenceSweeper
from svc.workers.statements import StatementScheduler


@dataclass
class Container:
    settings: Settings
    pool: asyncpg.Pool
    engine: AsyncEngine
    cache: Redis
    idempotency: Redis
    ratelimit: Redis
    kyc_client: KycClient
    issuer: CardIssuerClient
    fx_client: FxClient
    push: PushGateway
    hub: NotificationHub
    rates_hub: RatesHub
    accounts: AccountService
    wallets: WalletService
    transfers: TransferService
    ledger: LedgerService
    limits: LimitService
    risk: DeviceRiskScorer
    kyc: KycService
    cards: CardService
    portfolio: PortfolioService
    quotes: QuoteService
    notifications: NotificationService
    statements: StatementService
    fx_refresher: FxRefresher
    statement_scheduler: StatementScheduler
    dispatcher: HubDispatcher
    presence_sweeper: PresenceSweeper

    async def aclose(self) -> None:
        await asyncio.gather(
            self.kyc_client.aclose(),
            self.issuer.aclose(),
            self.fx_client.aclose(),
            return_exceptions=True,
        )
        await asyncio.to_thread(self.push.close)
        for client in (self.cache, self.idempotency, self.ratelimit):
            await client.aclose()
        await self.engine.dispose()
        await self.pool.close()


async def build_container(settings: Settings) -> Container:
    pool = await create_pg_pool(settings)
    engine = create_engine(settings)
    sessions = create_sessionmaker(engine)
    cache = create_cache_client(settings)
    idempotency = create_idempotency_client(settings)
    ratelimit = create_ratelimit_client(settings)
    timeout = settings.db_acquire_timeout

    users = UserRepository(pool, timeout)
    wallet_repo = WalletRepository(pool, timeout)
    transfer_repo = TransferRepository(pool, timeout)
    ledger_repo = LedgerRepository(pool, timeout)
    card_repo = CardRepository(pool, timeout)
    statement_repo = StatementRepository(pool, timeout)

    kyc_client = KycClient.create(settings)
    issuer = await CardIssuerClient.create(settings)
    fx_client = FxClient(settings)
    push = PushGateway(settings.push_gateway_url, settings.push_api_key)
    sanctions = SanctionsClient(settings.sanctions_base_url, settings.sanctions_api_key)

    hub = NotificationHub(settings.max_ws_connections_per_user)
    rates_hub = RatesHub(cache)
    audit = AuditLog(sessions)
    notifications = NotificationService(NotificationRepository(sessions), users, hub, push)
    ledger = LedgerService(ledger_repo, sessions)
    limits = LimitService(transfer_repo, wallet_repo, settings.transfer_daily_limit_minor)
    book = RateBook(cache)
    statements = StatementService(statement_repo, ledger_repo, settings)

    return Container(
        settings=settings,
        pool=pool,
        engine=engine,
        cache=cache,
        idempotency=idempotency,
        ratelimit=ratelimit,
        kyc_client=kyc_client,
        issuer=issuer,
        fx_client=fx_client,
        push=push,
        hub=hub,
        rates_hub=rates_hub,
        accounts=AccountService(users, wallet_repo, ratelimit),
        wallets=WalletService(wallet_repo, card_repo, issuer),
        transfers=TransferService(
            pool, timeout, users, wallet_repo, transfer_repo, ledger, limits, notifications, audit, idempotency, sanctions
        ),
        ledger=ledger,
        limits=limits,
        risk=DeviceRiskScorer(frozenset({"emu-", "headless-"})),
        kyc=KycService(KycRepository(pool, timeout), users, kyc_client),
        cards=CardService(card_repo, transfer_repo, issuer, notifications, idempotency),
        portfolio=PortfolioService(wallet_repo, fx_client, book),
        quotes=QuoteService(fx_client),
        notifications=notifications,
        statements=statements,
        fx_refresher=FxRefresher(fx_client, cache, rates_hub, settings.fx_refresh_interval_s),
        statement_scheduler=StatementScheduler(statement_repo, statements, settings.statement_interval_s),
        dispatcher=HubDispatcher(hub),
        presence_sweeper=PresenceSweeper(hub, settings.presence_idle_s),
    )
