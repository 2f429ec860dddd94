from __future__ import annotations

from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass

import asyncpg
import httpx
from redis.asyncio import Redis
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from arenaops.cache.bracket_cache import BracketCache
from arenaops.cache.locks import RedisLock
from arenaops.cache.overlay_cache import OverlayCache
from arenaops.clients.anticheat import AntiCheatClient
from arenaops.clients.match_history import MatchHistoryClient
from arenaops.clients.payments import PaymentPartnerClient
from arenaops.clients.publisher import PublisherClient
from arenaops.clients.storage import EvidenceStorage
from arenaops.clients.tax_forms import TaxFormClient
from arenaops.repositories.anticheat import AntiCheatRepository
from arenaops.repositories.disputes import DisputeRepository
from arenaops.repositories.rankings import RankingRepository
from arenaops.repositories.teams import TeamSearch
from arenaops.services.accounts import AccountService
from arenaops.services.anticheat import AntiCheatService
from arenaops.services.brackets import BracketService
from arenaops.services.broadcast import SpectatorHub
from arenaops.services.checkin import CheckInService
from arenaops.services.disputes import DisputeService
from arenaops.services.matchroom import MatchRoomHub
from arenaops.services.overlays import OverlayService
from arenaops.services.payouts import PayoutService
from arenaops.services.rankings import RankingService
from arenaops.services.registration import RegistrationService
from arenaops.services.results import ResultService
from arenaops.services.scheduling import SchedulingService
from arenaops.settings import Settings
from arenaops.utils.locks import LockRegistry


@dataclass
class Container:
    settings: Settings
    engine: AsyncEngine
    sessions: async_sessionmaker[AsyncSession]
    pg: asyncpg.Pool
    redis: Redis
    publisher_http: httpx.AsyncClient
    history: MatchHistoryClient
    anticheat_client: AntiCheatClient
    cpu_pool: ProcessPoolExecutor
    redis_lock: RedisLock
    accounts: AccountService
    brackets: BracketService
    scheduling: SchedulingService
    checkin: CheckInService
    registration: RegistrationService
    results: ResultService
    disputes: DisputeService
    payouts: PayoutService
    anticheat: AntiCheatService
    rankings: RankingService
    overlays: OverlayService
    spectators: SpectatorHub
    matchrooms: MatchRoomHub
    team_search: TeamSearch


def build_container(settings: Settings, engine: AsyncEngine, sessions: async_sessionmaker[AsyncSession],
                    pg: asyncpg.Pool, redis: Redis, publisher_http: httpx.AsyncClient,
                    history: MatchHistoryClient) -> Container:
    locks = LockRegistry()
    cache = BracketCache(redis)
    scheduling = SchedulingService(settings, locks)
    cpu_pool = ProcessPoolExecutor(max_workers=2)
    anticheat_client = AntiCheatClient(settings)
    publisher = PublisherClient(settings, publisher_http)
    disputes_repo = DisputeRepository(pg)
    return Container(
        settings=settings,
        engine=engine,
        sessions=sessions,
        pg=pg,
        redis=redis,
        publisher_http=publisher_http,
        history=history,
        anticheat_client=anticheat_client,
        cpu_pool=cpu_pool,
        redis_lock=RedisLock(redis),
        accounts=AccountService(settings, publisher),
        brackets=BracketService(locks, scheduling, cache, redis, cpu_pool),
        scheduling=scheduling,
        checkin=CheckInService(redis),
        registration=RegistrationService(),
        results=ResultService(sessions, history, cache, disputes_repo),
        disputes=DisputeService(disputes_repo, EvidenceStorage(settings)),
        payouts=PayoutService(settings, PaymentPartnerClient(settings), TaxFormClient(settings)),
        anticheat=AntiCheatService(anticheat_client, AntiCheatRepository(pg)),
        rankings=RankingService(RankingRepository(pg)),
        overlays=OverlayService(settings, OverlayCache(redis), cache, sessions),
        spectators=SpectatorHub(redis, settings.spectator_max_connections),
        matchrooms=MatchRoomHub(redis),
        team_search=TeamSearch(pg),
    )
