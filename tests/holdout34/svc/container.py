"""Wiring of long-lived components, built once in the application lifespan."""
from __future__ import annotations

from dataclasses import dataclass

from redis.asyncio import Redis

from svc.caching import ReferenceDataCache, TeamNameCache
from svc.clients.feed_alpha import FeedAlphaClient
from svc.clients.feed_beta import FeedBetaClient
from svc.clients.odds_provider import OddsProviderClient
from svc.clients.push_gateway import PushGatewayClient
from svc.clients.wallet import WalletClient
from svc.clients.webhook_sender import WebhookSender
from svc.db.repositories.events import EventRepository
from svc.db.repositories.fans import FanRepository
from svc.db.repositories.matches import MatchRepository
from svc.db.repositories.odds import OddsSnapshotRepository
from svc.db.repositories.settlement import SettlementRepository
from svc.db.repositories.stats import StatsRepository
from svc.db.repositories.teams import TeamRepository
from svc.resilience import Supervisor
from svc.security import AdminSessionStore
from svc.services.fans import FanService
from svc.services.favourites import FavouritesService
from svc.services.hub import LiveHub, OddsHub
from svc.services.ingest import IngestService
from svc.services.notifications import NotificationService
from svc.services.odds import OddsBook
from svc.services.rate_limit import RedisRateLimiter
from svc.services.scores import ScoreBoard
from svc.services.settlement import SettlementService
from svc.services.stats import StatsService
from svc.services.webhooks import WebhookService
from svc.workers.ingest_worker import IngestWorker
from svc.workers.notification_worker import NotificationWorker
from svc.workers.odds_snapshotter import OddsSnapshotter
from svc.workers.scheduler import Scheduler
from svc.workers.settlement_worker import SettlementWorker


@dataclass
class Container:
    redis: Redis
    supervisor: Supervisor
    alpha: FeedAlphaClient
    beta: FeedBetaClient
    odds_provider: OddsProviderClient
    push: PushGatewayClient
    wallet: WalletClient
    webhook_sender: WebhookSender
    matches: MatchRepository
    events: EventRepository
    teams: TeamRepository
    fans_repo: FanRepository
    stats_repo: StatsRepository
    settlement_repo: SettlementRepository
    snapshots: OddsSnapshotRepository
    scores: ScoreBoard
    odds: OddsBook
    live_hub: LiveHub
    odds_hub: OddsHub
    webhooks: WebhookService
    ingest: IngestService
    fans: FanService
    favourites: FavouritesService
    notifications: NotificationService
    stats: StatsService
    settlement: SettlementService
    stats_limiter: RedisRateLimiter
    admin_sessions: AdminSessionStore
    reference: ReferenceDataCache
    team_names: TeamNameCache
    ingest_worker: IngestWorker
    notification_worker: NotificationWorker
    odds_snapshotter: OddsSnapshotter
    settlement_worker: SettlementWorker
    scheduler: Scheduler
