from __future__ import annotations

import asyncio
import logging
from contextlib import asynccontextmanager
from dataclasses import dataclass
from decimal import Decimal

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from svc import __version__
from svc.betslip.limits import LimitService, TradingLimitsRepository
from svc.betslip.repository import BetRepository
from svc.betslip.service import BetPlacementService
from svc.betslip.throttle import PlacementThrottle
from svc.cache.local import EventMetaCache
from svc.cache.redis import JsonCache, init_redis
from svc.cashout.service import CashoutService
from svc.cashout.trading_client import TradingClient
from svc.config import get_settings
from svc.db.engine import SessionLocal, dispose_engine, pg
from svc.feeds.betgenius import BetgeniusProvider
from svc.feeds.ingest import FeedIngestor
from svc.feeds.normalizer import SelectionMap
from svc.feeds.sportradar import SportradarProvider
from svc.live import ws
from svc.live.fanout import Fanout
from svc.live.hub import ConnectionHub
from svc.odds.repository import OddsRepository
from svc.odds.service import OddsService
from svc.partners.webhooks import WebhookDispatcher
from svc.promotions.freebets import AuditTrail, FreeBetService
from svc.promotions.service import CrmClient
from svc.rg.limits import ResponsibleGamblingService, RgRepository
from svc.routers import account, admin, bets, cashout, health, odds, promotions
from svc.settlement.repository import SettlementRepository
from svc.settlement.worker import SettlementWorker
from svc.wallet.client import WalletClient
from svc.wallet.service import BonusWalletService, WithdrawalService
from svc.workers.promo_expiry import PromotionJobs
from svc.workers.scheduler import LeaderLease, Scheduler

logger = logging.getLogger(__name__)


@dataclass
class Services:
    odds_repo: OddsRepository
    odds: OddsService
    bet_repo: BetRepository
    placement: BetPlacementService
    cashout: CashoutService
    settlement_repo: SettlementRepository
    wallet: WalletClient
    withdrawals: WithdrawalService
    freebets: FreeBetService
    rg_repo: RgRepository
    crm: CrmClient
    webhooks: WebhookDispatcher
    fanout: Fanout
    event_meta: EventMetaCache
    settings_margin: Decimal
    settlement: "SettlementWorker | None" = None


async def _load_selection_map() -> SelectionMap:
    async with pg.pool.acquire(timeout=5) as conn:
        rows = await conn.fetch("SELECT provider, provider_ref, selection_id FROM selection_mappings")
    return SelectionMap({(r["provider"], r["provider_ref"]): r["selection_id"] for r in rows})


@asynccontextmanager
async def lifespan(app: FastAPI):
    s = get_settings()
    await pg.open()
    redis = init_redis()

    hub = ConnectionHub(max_connections=s.ws_max_connections)
    odds_repo = OddsRepository(pg.pool)
    odds_service = OddsService(odds_repo, JsonCache(redis, "odds", ttl_s=5))
    wallet = WalletClient(s.wallet_url, s.wallet_api_key)
    rg_repo = RgRepository(SessionLocal)
    rg = ResponsibleGamblingService(rg_repo, redis)
    crm = CrmClient(s.crm_url)
    bet_repo = BetRepository()
    settlement_repo = SettlementRepository(pg.pool)
    limits = LimitService(TradingLimitsRepository(pg.pool), JsonCache(redis, "stake", ttl_s=60))
    placement = BetPlacementService(bet_repo, limits, odds_service, wallet, rg, crm, PlacementThrottle())
    cashout_service = CashoutService(bet_repo, settlement_repo, odds_repo, TradingClient(), wallet, s.cashout_margin)
    webhooks = WebhookDispatcher(SessionLocal)
    await webhooks.reload()
    fanout = Fanout(redis, hub)
    await fanout.start()
    freebets = FreeBetService(rg, AuditTrail(SessionLocal))

    async def load_event_meta(event_id: int) -> dict:
        async with pg.pool.acquire(timeout=2) as conn:
            row = await conn.fetchrow("SELECT id, name, sport, starts_at FROM events WHERE id = $1", event_id)
        return dict(row) if row else {}

    app.state.services = Services(
        odds_repo=odds_repo, odds=odds_service, bet_repo=bet_repo, placement=placement,
        cashout=cashout_service, settlement_repo=settlement_repo, wallet=wallet,
        withdrawals=WithdrawalService(redis, wallet), freebets=freebets, rg_repo=rg_repo, crm=crm,
        webhooks=webhooks, fanout=fanout, event_meta=EventMetaCache(load_event_meta),
        settings_margin=Decimal(str(s.cashout_margin)),
    )
    app.state.hub = hub
    app.state.redis = redis
    app.state.pg = pg
    app.state.version = __version__

    providers = [
        BetgeniusProvider(s.betgenius_url, s.betgenius_key),
        SportradarProvider(s.sportradar_url, s.sportradar_client_id, s.sportradar_secret),
    ]
    ingestor = FeedIngestor(providers, odds_repo, redis, await _load_selection_map())
    app.state.ingest_task = asyncio.create_task(ingestor.run(), name="feed-ingest")

    settlement = SettlementWorker(settlement_repo, wallet, rg, hub, LeaderLease(redis, "settlement"))
    app.state.services.settlement = settlement
    scheduler = Scheduler()
    scheduler.long_running("settlement", settlement.run)
    promo_jobs = PromotionJobs(SessionLocal, freebets, BonusWalletService(rg), LeaderLease(redis, "promo-expiry"))
    scheduler.every("free-bet-expiry", 300, promo_jobs.expire_free_bets)
    scheduler.every("campaign-rewards", 3600, promo_jobs.grant_campaign_rewards)
    scheduler.every("webhook-reload", 300, webhooks.reload)

    logger.info("sportsbook %s started (%s)", __version__, s.env)
    try:
        yield
    finally:
        settlement.stop()
        await scheduler.shutdown()
        app.state.ingest_task.cancel()
        await fanout.stop()
        await webhooks.drain()
        for p in providers:
            await p.close()
        await wallet.aclose()
        await crm.aclose()
        await redis.aclose()
        await pg.close()
        await dispose_engine()


def create_app() -> FastAPI:
    app = FastAPI(title="sportsbook", version=__version__, lifespan=lifespan)
    for r in (bets.router, odds.router, account.router, admin.router, cashout.router, promotions.router,
              health.router, ws.router):
        app.include_router(r)

    @app.exception_handler(Exception)
    async def unhandled(request: Request, exc: Exception) -> JSONResponse:
        logger.exception("unhandled error on %s %s", request.method, request.url.path)
        return JSONResponse({"detail": "internal error"}, status_code=500)

    return app


app = create_app()
