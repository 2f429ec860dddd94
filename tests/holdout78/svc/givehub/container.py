from __future__ import annotations

import redis.asyncio as aioredis

from .cache import JsonCache
from .clients.bank import BankClient
from .clients.employer_match import EmployerMatchClient
from .clients.fraud_api import FraudClient
from .clients.gateway import PaymentGateway
from .clients.charity_apis import CharityNotifier, CharityRegistryClient
from .db.connections import Database, PgPool, create_redis
from .repositories.campaigns import CampaignRepository, MilestoneRepository
from .repositories.charities import CharityRepository
from .repositories.donations import DonationRepository, RecurringPlanRepository
from .repositories.donors import DonorRepository, PledgeRepository
from .repositories.payouts import PayoutRepository
from .repositories.receipts import ReceiptRepository
from .services.accounts import AccountService
from .services.audit import AuditLog
from .services.campaigns import CampaignService, CharityService, ReportService
from .services.chat import ChatRepository, SupportChatRouter
from .services.donations import DonationService
from .services.fraud import FraudScreen
from .services.giftaid import GiftAidService
from .services.leaderboard import LeaderboardService
from .services.match_budget import MatchBudget
from .services.matching import MatchingService
from .services.milestones import MilestoneService
from .services.payouts import PayoutService
from .services.recurring import RecurringService
from .services.receipts import ReceiptService
from .settings import Settings
from .tasks import BackgroundTasks
from .utils.locks import KeyedLocks
from .ws.hub import TickerHub, TickerPublisher


class Container:
    """Builds the object graph once per process; API and workers share it."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.db = Database(settings)
        self.pg = PgPool(settings)
        self.redis: aioredis.Redis = create_redis(settings)
        self.cache = JsonCache(self.redis)
        self.locks = KeyedLocks()
        self.background = BackgroundTasks()
        self.audit = AuditLog()

        self.gateway = PaymentGateway(settings)
        self.fraud_client = FraudClient(settings)
        self.match_client = EmployerMatchClient(settings)
        self.registry = CharityRegistryClient()
        self.notifier = CharityNotifier()
        self.bank = BankClient(settings.bank_api_url, settings.bank_api_key)

        sessions = self.db.sessionmaker
        self.charities = CharityRepository(sessions, self.pg)
        self.campaigns = CampaignRepository(sessions, self.pg)
        self.donations = DonationRepository(sessions, self.pg)
        self.donors = DonorRepository(sessions)
        self.pledges = PledgeRepository(sessions)
        self.receipts_repo = ReceiptRepository(self.pg)
        self.payouts_repo = PayoutRepository(self.pg)
        self.plans = RecurringPlanRepository(self.pg)
        self.milestones_repo = MilestoneRepository(self.pg)
        self.chat_repo = ChatRepository(self.pg)

        self.ticker = TickerPublisher(self.redis, settings)
        self.ticker_hub = TickerHub(self.redis, settings.ticker_channel)
        self.leaderboard = LeaderboardService(self.redis, self.donors, self.charities)
        self.receipts = ReceiptService(
            self.receipts_repo, self.donations, self.donors, self.campaigns, self.charities, settings
        )
        self.milestones = MilestoneService(
            self.milestones_repo, self.ticker, self.notifier, "https://hooks.givehub.example"
        )
        self.match_budget = MatchBudget(self.pledges, self.locks)
        self.matching = MatchingService(self.pledges, self.match_client, self.match_budget, self.locks, self.redis)
        self.fraud = FraudScreen(self.fraud_client, self.donations, settings)
        self.donation_service = DonationService(
            self.donations,
            self.campaigns,
            self.gateway,
            self.fraud,
            self.receipts,
            self.matching,
            self.milestones,
            self.leaderboard,
            self.ticker,
            self.background,
            self.audit,
        )
        self.campaign_service = CampaignService(self.campaigns, self.donations, self.cache, self.locks)
        self.charity_service = CharityService(self.charities, self.campaigns, self.registry, self.redis)
        self.recurring = RecurringService(self.plans, self.donations, self.gateway, self.receipts)
        self.payouts = PayoutService(self.payouts_repo, self.donations, self.bank, self.audit, settings)
        self.giftaid = GiftAidService(self.donations, self.redis, settings)
        self.accounts = AccountService(self.donors)
        self.chat = SupportChatRouter(self.chat_repo)
        self.reports = ReportService(self.pg)

    async def start(self) -> None:
        await self.pg.open()
        await self.fraud_client.start()
        await self.notifier.start()

    async def close(self) -> None:
        await self.background.drain()
        await self.gateway.close()
        await self.fraud_client.close()
        await self.match_client.close()
        await self.registry.close()
        await self.notifier.close()
        self.bank.close()
        await self.pg.close()
        await self.db.dispose()
        await self.redis.aclose()
