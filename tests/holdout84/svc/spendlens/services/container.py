from __future__ import annotations

import httpx
from redis.asyncio import Redis

from ..clients.forecast import ForecastClient
from ..clients.fx import FxRates
from ..clients.metrics_api import MetricsClient
from ..clients.notify import Mailer, SlackNotifier
from ..clients.storage import ExportStorage
from ..db import Database
from ..repositories import (
    AccountRepository,
    AnomalyRepository,
    AuditRepository,
    BudgetRepository,
    CostRepository,
    JobRepository,
    RecommendationRepository,
    TagRepository,
)
from ..settings import Settings
from .alerts import AlertService
from .anomaly import AnomalyService
from .budgets import BudgetService
from .cache import SpendCache
from .dashboard import DashboardHub, DashboardService
from .ingestion import IngestionService
from .normalize import Normalizer
from .quota import ExportQuota
from .reports import ReportService
from .rightsizing import RightsizingService
from .tag_compliance import TagComplianceService


class Container:
    """Everything a request handler or worker needs, built once per process."""

    def __init__(self, settings: Settings, db: Database, redis: Redis, http: httpx.AsyncClient) -> None:
        assert db.pool is not None, "Database.connect() must run first"
        self.settings = settings
        self.db = db
        self.redis = redis
        self.http = http

        self.storage = ExportStorage(settings)
        self.fx = FxRates(settings)
        self.metrics = MetricsClient(settings)
        self.forecast = ForecastClient(settings, http)
        self.slack = SlackNotifier()
        self.mailer = Mailer(settings)

        self.accounts = AccountRepository(db.sessionmaker, db.pool)
        self.audit = AuditRepository(db.sessionmaker)
        self.costs = CostRepository(db.sessionmaker, db.pool)
        self.budget_repo = BudgetRepository(db.sessionmaker)
        self.anomaly_repo = AnomalyRepository(db.pool)
        self.jobs = JobRepository(db.pool)
        self.recommendation_repo = RecommendationRepository(db.sessionmaker)
        self.tag_repo = TagRepository(db.sessionmaker)

        self.cache = SpendCache(redis)
        self.alerts = AlertService(self.slack, self.mailer, self.audit, redis)
        self.budgets = BudgetService(self.budget_repo, self.accounts, self.alerts, self.cache)
        self.normalizer = Normalizer()
        self.hub = DashboardHub(redis)
        self.ingestion = IngestionService(
            self.storage, self.normalizer, self.costs, self.accounts, self.budgets, self.jobs, redis
        )
        self.anomalies = AnomalyService(self.costs, self.anomaly_repo, self.alerts, settings)
        self.tags = TagComplianceService(self.tag_repo, self.costs)
        self.rightsizing = RightsizingService(self.metrics, self.costs, self.recommendation_repo)
        self.reports = ReportService(self.costs, settings)
        self.dashboard = DashboardService(self.accounts, self.costs, self.cache, self.fx, self.forecast)
        self.quota = ExportQuota(redis, settings.export_limit_per_hour)

    async def start(self) -> None:
        await self.slack.start()

    async def close(self) -> None:
        await self.slack.close()
        await self.fx.aclose()
