"""Process-wide resources, built once in the application lifespan."""

from __future__ import annotations

from dataclasses import dataclass

import asyncpg
from redis.asyncio import Redis

from svc.clients.identity import TokenVerifier
from svc.clients.mailer import Mailer
from svc.clients.media import MediaApiClient
from svc.clients.payments import PaymentProviderClient
from svc.clients.recommender import RecommenderClient
from svc.config import Settings
from svc.services.announcements import ClassroomAnnouncer
from svc.services.cache import CatalogCache
from svc.services.chat import ChatHub
from svc.services.progress import ProgressService
from svc.services.ratelimit import RedisWindowLimiter, SlidingWindowLimiter
from svc.services.tasks import TaskSupervisor
from svc.services.transcoding import TranscodingService
from svc.services.uploads import UploadService


@dataclass(slots=True)
class Container:
    settings: Settings
    pg_pool: asyncpg.Pool
    redis: Redis
    chat_bus: Redis
    media: MediaApiClient
    payments: PaymentProviderClient
    recommender: RecommenderClient
    mailer: Mailer
    verifier: TokenVerifier
    tasks: TaskSupervisor
    catalog_cache: CatalogCache
    chat_hub: ChatHub
    announcer: ClassroomAnnouncer
    uploads: UploadService
    progress: ProgressService
    transcoding: TranscodingService
    quiz_limiter: SlidingWindowLimiter
    chat_limiter: RedisWindowLimiter
