"""Builds the object graph once per process (API or worker) and tears it down again."""
from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass

import asyncpg
import httpx
from redis.asyncio import Redis
from sqlalchemy.ext.asyncio import AsyncEngine

from . import __version__
from .cache import KeyedLocks, RedisCache, create_redis
from .clients.geoip import GeoIPClient
from .clients.moderation import ModerationClient
from .clients.push import PushClient
from .clients.storage import ObjectStorage
from .clients.stores import AppStoreClient, PlayStoreClient
from .db import build_engine, build_sessionmaker, create_pg_pool
from .realtime.connections import ConnectionManager, PresenceSockets
from .realtime.relay import Relay
from .repositories.matches import MatchRepository
from .repositories.messages import MessageRepository
from .repositories.notifications import DeviceRepository, OutboxRepository
from .repositories.photos import PhotoRepository
from .repositories.safety import SafetyRepository
from .repositories.subscriptions import SubscriptionRepository
from .repositories.swipes import SwipeRepository
from .repositories.users import UserRepository
from .services.chat import ChatService
from .services.discovery import DiscoveryService
from .services.matching import MatchingService
from .services.notifications import NotificationService
from .services.photos import PhotoService
from .services.presence import PresenceService
from .services.profiles import ProfileService
from .services.safety import SafetyService
from .services.subscriptions import SubscriptionService
from .settings import Settings
from .utils.resilience import CircuitBreaker
from .utils.tasks import BackgroundTasks


@dataclass
class Container:
    settings: Settings
    engine: AsyncEngine
    pool: asyncpg.Pool
    redis: Redis
    cache: RedisCache
    users: UserRepository
    photo_repo: PhotoRepository
    swipes: SwipeRepository
    match_repo: MatchRepository
    messages: MessageRepository
    devices: DeviceRepository
    outbox: OutboxRepository
    storage: ObjectStorage
    moderation: ModerationClient
    push: PushClient
    connections: ConnectionManager
    presence_sockets: PresenceSockets
    relay: Relay
    presence: PresenceService
    notifications: NotificationService
    profiles: ProfileService
    photos: PhotoService
    safety: SafetyService
    discovery: DiscoveryService
    subscriptions: SubscriptionService
    matching: MatchingService
    chat: ChatService
    tasks: BackgroundTasks


@asynccontextmanager
async def open_container(settings: Settings) -> AsyncIterator[Container]:
    engine = build_engine(settings)
    sessions = build_sessionmaker(engine)
    pool = await create_pg_pool(settings)
    redis = create_redis(settings)
    http = httpx.AsyncClient(headers={"User-Agent": f"heartline/{__version__}"})
    push = PushClient(settings)
    await push.start()
    tasks = BackgroundTasks()

    cache = RedisCache(redis)
    users = UserRepository(sessions)
    photo_repo = PhotoRepository(sessions)
    swipes = SwipeRepository(pool)
    match_repo = MatchRepository(sessions)
    messages = MessageRepository(sessions)
    devices = DeviceRepository(pool)
    outbox = OutboxRepository(pool)
    storage = ObjectStorage(settings)
    moderation = ModerationClient(settings, CircuitBreaker("moderation", failure_threshold=5, reset_after=30.0))
    geoip = GeoIPClient(settings)

    connections = ConnectionManager(settings.ws_max_connections_per_user)
    presence_sockets = PresenceSockets()
    relay = Relay(redis, connections, presence_sockets)
    presence = PresenceService(redis, relay, settings)
    notifications = NotificationService(push, devices, outbox, users, redis)
    notifications.bind_presence(presence)

    subscriptions = SubscriptionService(
        SubscriptionRepository(sessions), AppStoreClient(http, settings), PlayStoreClient(http, settings), cache
    )
    safety = SafetyService(SafetyRepository(sessions), match_repo, users, relay, cache, KeyedLocks())
    container = Container(
        settings=settings, engine=engine, pool=pool, redis=redis, cache=cache,
        users=users, photo_repo=photo_repo, swipes=swipes, match_repo=match_repo, messages=messages,
        devices=devices, outbox=outbox, storage=storage, moderation=moderation, push=push,
        connections=connections, presence_sockets=presence_sockets, relay=relay, presence=presence,
        notifications=notifications,
        profiles=ProfileService(users, photo_repo, swipes, cache, storage, geoip),
        photos=PhotoService(photo_repo, storage, moderation, cache, tasks, settings),
        safety=safety,
        discovery=DiscoveryService(users, photo_repo, swipes, safety, cache, geoip, storage, settings),
        subscriptions=subscriptions,
        matching=MatchingService(
            swipes, match_repo, messages, users, subscriptions, notifications, relay, cache, storage, settings
        ),
        chat=ChatService(match_repo, messages, relay, notifications, cache),
        tasks=tasks,
    )
    try:
        yield container
    finally:
        await tasks.shutdown()
        await moderation.aclose()
        await push.close()
        await http.aclose()
        await redis.aclose()
        await pool.close()
        await engine.dispose()
