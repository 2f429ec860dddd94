from __future__ import annotations

from dataclasses import dataclass

import redis.asyncio as aioredis

from homegrid.clients.firmware_cdn import FirmwareCdnClient
from homegrid.clients.mqtt_bridge import MqttBridgeClient
from homegrid.clients.object_store import ObjectStore
from homegrid.clients.push import PushClient
from homegrid.clients.tariff_feed import TariffFeedClient
from homegrid.clients.utility_api import UtilityApiClient
from homegrid.clients.weather import WeatherClient
from homegrid.config import Settings
from homegrid.db.pool import Database
from homegrid.repositories.users import ApiKeyRepository
from homegrid.repositories.audit import AuditRepository
from homegrid.repositories.commands import CommandRepository
from homegrid.repositories.devices import DeviceRepository
from homegrid.repositories.dr_events import DREventRepository
from homegrid.repositories.firmware import FirmwareRepository
from homegrid.repositories.households import HouseholdRepository
from homegrid.repositories.preferences import PreferenceRepository
from homegrid.repositories.reports import ReportRepository
from homegrid.repositories.schedules import ScheduleRepository
from homegrid.repositories.settlement import SettlementRepository
from homegrid.repositories.tariffs import TariffRepository
from homegrid.repositories.telemetry import TelemetryRepository
from homegrid.repositories.users import UserRepository
from homegrid.services.auth import AuthService
from homegrid.services.boost_control import BoostController
from homegrid.services.command_dispatch import CommandDispatcher
from homegrid.services.dashboard import DashboardService
from homegrid.services.demand_response import DemandResponseService
from homegrid.services.device_registry import DeviceRegistry
from homegrid.services.firmware_campaigns import FirmwareCampaignService
from homegrid.services.live import LivePublisher
from homegrid.services.notifications import Notifier
from homegrid.services.preferences import PreferenceService
from homegrid.services.live import PresenceTracker
from homegrid.services.rate_limit import IngestRateLimiter
from homegrid.services.reports import ReportService
from homegrid.services.scheduling import SchedulingService
from homegrid.services.settlement import SettlementService
from homegrid.services.settlement_export import SettlementExporter
from homegrid.services.tariff_service import TariffService
from homegrid.services.telemetry_ingest import TelemetryIngestor


@dataclass
class Container:
    settings: Settings
    db: Database
    redis: aioredis.Redis
    bridge: MqttBridgeClient
    utility: UtilityApiClient
    tariff_feed: TariffFeedClient
    cdn: FirmwareCdnClient
    weather: WeatherClient
    push: PushClient
    store: ObjectStore
    households: HouseholdRepository
    devices: DeviceRepository
    telemetry: TelemetryRepository
    events: DREventRepository
    commands: CommandRepository
    reports_repo: ReportRepository
    firmware_repo: FirmwareRepository
    settlement_repo: SettlementRepository
    audit: AuditRepository
    auth: AuthService
    live: LivePublisher
    dispatcher: CommandDispatcher
    preferences: PreferenceService
    demand_response: DemandResponseService
    tariffs: TariffService
    scheduling: SchedulingService
    dashboard: DashboardService
    reports: ReportService
    firmware: FirmwareCampaignService
    settlement: SettlementService
    exporter: SettlementExporter
    ingestor: TelemetryIngestor
    registry: DeviceRegistry
    boost: BoostController
    notifier: Notifier
    presence: PresenceTracker

    async def start(self) -> None:
        await self.db.connect()
        await self.bridge.start()
        await self.utility.start()
        await self.tariff_feed.start()
        await self.store.start()

    async def close(self) -> None:
        await self.bridge.close()
        await self.utility.close()
        await self.tariff_feed.close()
        await self.store.close()
        await self.cdn.close()
        await self.weather.close()
        await self.push.close()
        await self.db.close()


def build_container(settings: Settings, db: Database, redis: aioredis.Redis) -> Container:
    bridge = MqttBridgeClient(settings)
    utility = UtilityApiClient(settings)
    tariff_feed = TariffFeedClient(settings)
    cdn = FirmwareCdnClient(settings)
    weather = WeatherClient(settings)
    push = PushClient("https://push.homegrid.example", settings.mqtt_bridge_token)
    store = ObjectStore(settings)

    households = HouseholdRepository(db)
    devices = DeviceRepository(db)
    telemetry = TelemetryRepository(db)
    events = DREventRepository(db)
    commands = CommandRepository(db)
    reports_repo = ReportRepository(db)
    firmware_repo = FirmwareRepository(db)
    settlement_repo = SettlementRepository(db)
    audit = AuditRepository(db)
    schedules = ScheduleRepository(db)
    tariff_repo = TariffRepository(db)

    live = LivePublisher(redis)
    dispatcher = CommandDispatcher(settings, bridge, commands)
    preferences = PreferenceService(PreferenceRepository(db))
    tariffs = TariffService(tariff_repo, tariff_feed)
    return Container(
        settings=settings, db=db, redis=redis, bridge=bridge, utility=utility,
        tariff_feed=tariff_feed, cdn=cdn, weather=weather, push=push, store=store,
        households=households, devices=devices, telemetry=telemetry, events=events,
        commands=commands, reports_repo=reports_repo, firmware_repo=firmware_repo,
        settlement_repo=settlement_repo, audit=audit,
        auth=AuthService(settings, UserRepository(db), ApiKeyRepository(db), redis),
        live=live, dispatcher=dispatcher, preferences=preferences,
        demand_response=DemandResponseService(
            events, households, devices, commands, dispatcher, utility, preferences, telemetry
        ),
        tariffs=tariffs,
        scheduling=SchedulingService(households, devices, schedules, tariffs),
        dashboard=DashboardService(households, devices, telemetry, schedules, tariffs, weather, redis),
        reports=ReportService(settings, reports_repo, devices, telemetry, store, redis),
        firmware=FirmwareCampaignService(firmware_repo, devices, cdn),
        settlement=SettlementService(settlement_repo, audit),
        exporter=SettlementExporter(settings, settlement_repo, households, utility),
        ingestor=TelemetryIngestor(
            devices, telemetry, live, IngestRateLimiter(settings.ingest_rate_per_minute)
        ),
        registry=DeviceRegistry(devices, audit),
        boost=BoostController(redis, commands, dispatcher),
        notifier=Notifier(push),
        presence=PresenceTracker(redis),
    )
