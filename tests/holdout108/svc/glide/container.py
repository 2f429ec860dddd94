from __future__ import annotations

from dataclasses import dataclass

import httpx
import redis.asyncio as aioredis
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from glide.clients.fraud import FraudClient
from glide.clients.iot_bridge import IoTBridge
from glide.clients.maps import MapsClient
from glide.clients.payment_gateway import PaymentGateway
from glide.clients.messaging import PushClient, SmsClient
from glide.clients.storage import ObjectStorage
from glide.core.ratelimit import RedisRateLimiter, UnlockThrottle
from glide.core.redis import build_redis
from glide.core.tasks import BackgroundTasks
from glide.db.engine import build_engine, build_sessionmaker
from glide.repositories.telemetry import TelemetryRepository
from glide.services.auth import LoginGuard, TokenVerifier
from glide.services.commands import VehicleCommandService
from glide.services.geofence import GeofenceService
from glide.services.map_feed import MapHub
from glide.services.notifications import Notifier
from glide.services.rebalancing import RebalancePlanner
from glide.services.swaps import SwapDispatcher
from glide.services.telemetry import TelemetryService
from glide.settings import Settings


@dataclass
class Container:
    settings: Settings
    engine: AsyncEngine
    sessions: async_sessionmaker[AsyncSession]
    redis: aioredis.Redis
    http: httpx.AsyncClient
    gateway: PaymentGateway
    bridge: IoTBridge
    sms: SmsClient
    push: PushClient
    maps: MapsClient
    fraud: FraudClient
    storage: ObjectStorage
    notifier: Notifier
    commands: VehicleCommandService
    geofence: GeofenceService
    telemetry: TelemetryService
    map_hub: MapHub
    throttle: UnlockThrottle
    api_limiter: RedisRateLimiter
    login_guard: LoginGuard
    tokens: TokenVerifier
    swaps: SwapDispatcher
    planner: RebalancePlanner
    background: BackgroundTasks

    async def aclose(self) -> None:
        await self.background.shutdown()
        await self.gateway.aclose()
        await self.sms.aclose()
        await self.push.aclose()
        await self.maps.aclose()
        await self.storage.aclose()
        await self.http.aclose()
        await self.redis.aclose()
        await self.engine.dispose()


def build_container(settings: Settings) -> Container:
    engine = build_engine(settings)
    sessions = build_sessionmaker(engine)
    redis = build_redis(settings)
    http = httpx.AsyncClient(timeout=httpx.Timeout(5.0, connect=2.0), limits=httpx.Limits(max_connections=100))
    bridge = IoTBridge(settings, http)
    sms = SmsClient(settings)
    push = PushClient("https://push.example.com", settings.sms_token)
    maps = MapsClient(settings.maps_url)
    return Container(
        settings=settings,
        engine=engine,
        sessions=sessions,
        redis=redis,
        http=http,
        gateway=PaymentGateway(settings),
        bridge=bridge,
        sms=sms,
        push=push,
        maps=maps,
        fraud=FraudClient(settings.fraud_url),
        storage=ObjectStorage(settings),
        notifier=Notifier(push, sms),
        commands=VehicleCommandService(bridge, redis),
        geofence=GeofenceService(settings),
        telemetry=TelemetryService(TelemetryRepository(engine), sessions, redis, settings),
        map_hub=MapHub(redis),
        throttle=UnlockThrottle(settings.unlock_attempts_per_minute),
        api_limiter=RedisRateLimiter(redis, "api", limit=600, window_s=60),
        login_guard=LoginGuard(settings.login_attempts_before_lock),
        tokens=TokenVerifier(settings, redis),
        swaps=SwapDispatcher(sessions, redis, settings),
        planner=RebalancePlanner(sessions, maps),
        background=BackgroundTasks(),
    )
