from __future__ import annotations

import aiohttp
import asyncpg
import httpx
import redis.asyncio as aioredis
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from ..clients.geocoder import AddressVerifier
from ..clients.hospital_feed import HospitalFeedClient
from ..clients.mutual_aid import MutualAidClient
from ..clients.paging_sdk import PagingClient
from ..clients.routing import RoutingClient
from ..clients.telephony import TelephonyGateway
from ..repositories.avl import AvlRepository
from ..settings import Settings
from ..utils.redis_helpers import JsonCache, LockRegistry
from .assignment import AssignmentService
from .auth import AuthService
from .avl import AvlService
from .console_bus import ConsoleBus, ConsoleHub
from .diversion import DiversionService
from .escalation import EscalationService
from .exports import ExportService, ReportService
from .incidents import IncidentService
from .intake import CallIntakeService
from .mdt_hub import MdtHub
from .mutual_aid import MutualAidService
from .recommendation import RecommendationService


class Container:
    """Process-wide service graph, built once at startup."""

    def __init__(
        self,
        settings: Settings,
        engine: AsyncEngine,
        sessionmaker: async_sessionmaker[AsyncSession],
        avl_pool: asyncpg.Pool,
        redis: aioredis.Redis,
        http: httpx.AsyncClient,
        geocoder_http: httpx.AsyncClient,
        aio_session: aiohttp.ClientSession,
    ) -> None:
        self.settings = settings
        self.engine = engine
        self.sessionmaker = sessionmaker
        self.avl_pool = avl_pool
        self.redis = redis
        self.http = http
        self.aio_session = aio_session
        self.locks = LockRegistry()

        self.geocoder = AddressVerifier(geocoder_http, JsonCache(redis, "geo"), settings.geocoder_api_key)
        self.routing = RoutingClient(settings.routing_url)
        self.telephony = TelephonyGateway(http, settings.telephony_secret, settings.telephony_callback_url)
        self.feed_http = httpx.AsyncClient(base_url=settings.hospital_feed_url, timeout=httpx.Timeout(10.0, connect=3.0))
        self.hospital_feed = HospitalFeedClient(self.feed_http)
        self.mutual_aid_client = MutualAidClient(
            aio_session, settings.mutual_aid_url, settings.mutual_aid_client_id, settings.mutual_aid_client_secret
        )
        self.pager = PagingClient(settings.paging_url, settings.paging_api_key)

        self.bus = ConsoleBus(redis)
        self.console_hub = ConsoleHub(redis, settings.console_queue_size)
        self.mdt_hub = MdtHub()
        self.auth = AuthService(settings)
        self.avl_repo = AvlRepository(avl_pool)
        self.avl = AvlService(self.avl_repo, redis, self.bus)
        self.incidents = IncidentService(sessionmaker, redis, self.bus, self.locks)
        self.recommendation = RecommendationService(sessionmaker, redis, self.routing, self.avl)
        self.assignment = AssignmentService(sessionmaker, self.locks, self.mdt_hub, self.bus, self.pager, settings)
        self.escalation = EscalationService(sessionmaker, self.locks, self.incidents, self.pager, self.bus)
        self.mutual_aid = MutualAidService(sessionmaker, redis, self.mutual_aid_client, settings)
        self.intake = CallIntakeService(sessionmaker, redis, self.geocoder, self.telephony, self.incidents, settings)
        self.diversion = DiversionService(sessionmaker, redis, self.hospital_feed, self.bus)
        self.exports = ExportService(sessionmaker, settings)
        self.reports = ReportService(sessionmaker)

    async def aclose(self) -> None:
        await self.feed_http.aclose()
