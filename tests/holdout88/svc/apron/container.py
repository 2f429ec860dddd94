"""Builds the object graph shared by the API process and the worker entrypoint."""
from __future__ import annotations

from dataclasses import dataclass

import asyncpg
from redis.asyncio import Redis
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from apron.clients.airline_ops import AirlineOpsClient
from apron.clients.billing_sdk import BillingClient
from apron.clients.crew_app import CrewAppClient
from apron.clients.delay_api import DelayApiClient
from apron.clients.sms import SmsGateway
from apron.clients.weather import WeatherClient
from apron.db import build_engine, build_redis, build_sessionmaker, create_pg_pool
from apron.repositories.billing import BillingRepository
from apron.repositories.delays import DelayRepository
from apron.repositories.roster import RosterRepository
from apron.services.alerts import AlertManager
from apron.services.apron_map import ApronMapHub
from apron.services.baggage import BaggageService
from apron.services.billing import BillingService
from apron.services.delay_reporting import DelayReportingService
from apron.services.rostering import RosterService
from apron.services.schedule_ingest import ScheduleIngestService
from apron.services.stand_allocation import StandAllocationService
from apron.services.turnaround import TurnaroundService
from apron.services.weather import WeatherService
from apron.settings import Settings
from apron.utils.locks import KeyedLocks


@dataclass
class Container:
    settings: Settings
    engine: AsyncEngine
    sessionmaker: async_sessionmaker[AsyncSession]
    pg_pool: asyncpg.Pool
    redis: Redis
    ops: AirlineOpsClient
    delay_api: DelayApiClient
    weather_client: WeatherClient
    crew: CrewAppClient
    sms: SmsGateway
    billing_sdk: BillingClient
    hub: ApronMapHub
    alerts: AlertManager
    weather: WeatherService
    turnaround: TurnaroundService
    stands: StandAllocationService
    ingest: ScheduleIngestService
    baggage: BaggageService
    roster: RosterService
    delay_repo: DelayRepository
    delays: DelayReportingService
    billing: BillingService

    async def aclose(self) -> None:
        await self.ops.aclose()
        await self.crew.aclose()
        await self.sms.aclose()
        await self.delay_api.close()
        await self.weather_client.close()
        await self.redis.aclose()
        await self.pg_pool.close()
        await self.engine.dispose()


async def build_container(settings: Settings) -> Container:
    engine = build_engine(settings)
    sessionmaker = build_sessionmaker(engine)
    pg_pool = await create_pg_pool(settings)
    redis = build_redis(settings)
    locks = KeyedLocks()

    ops = AirlineOpsClient(settings)
    delay_api = DelayApiClient(settings)
    await delay_api.start()
    weather_client = WeatherClient(settings)
    await weather_client.start()
    crew = CrewAppClient(settings)
    sms = SmsGateway(settings)
    billing_sdk = BillingClient(settings.billing_api_url, settings.billing_api_key)

    hub = ApronMapHub(redis)
    alerts = AlertManager(redis, sms, duty_phones={})
    weather = WeatherService(weather_client, redis)
    turnaround = TurnaroundService(sessionmaker, locks, weather, redis, settings.board_cache_ttl_s)
    stands = StandAllocationService(sessionmaker, locks, turnaround, weather, hub)
    ingest = ScheduleIngestService(sessionmaker, ops, redis, hub, settings.airports, settings.ops_poll_interval_s)
    baggage = BaggageService(sessionmaker, redis, alerts, locks, settings)
    roster = RosterService(RosterRepository(pg_pool), crew, locks, redis)
    delay_repo = DelayRepository(pg_pool)
    delays = DelayReportingService(delay_repo, delay_api)
    billing = BillingService(BillingRepository(pg_pool), billing_sdk)
    return Container(
        settings=settings, engine=engine, sessionmaker=sessionmaker, pg_pool=pg_pool, redis=redis, ops=ops,
        delay_api=delay_api, weather_client=weather_client, crew=crew, sms=sms, billing_sdk=billing_sdk,
        hub=hub, alerts=alerts, weather=weather, turnaround=turnaround, stands=stands, ingest=ingest,
        baggage=baggage, roster=roster, delay_repo=delay_repo, delays=delays, billing=billing,
    )
