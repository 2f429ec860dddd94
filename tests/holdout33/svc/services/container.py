"""Wiring of clients, caches, services and workers for one process."""
from __future__ import annotations

import asyncio
import json
import logging
from dataclasses import dataclass
from pathlib import Path

import httpx
from redis.asyncio import Redis

from ..cache import AvailabilityCache, BinOccupancyCache, SkuCache
from ..clients.base import OpsNotifier
from ..clients.carrier import CarrierClient
from ..clients.erp import ErpClient
from ..clients.print_gateway import PrintGatewayClient
from ..clients.reference import AddressValidator
from ..clients.storage import LabelStorage
from ..config import Settings
from ..realtime import DashboardHub, StationSlots
from ..workers.erp_sync import ErpSyncJob
from ..workers.outbox_dispatcher import OutboxDispatcher
from ..workers.replenishment_worker import ReplenishmentService, ReplenishmentWorker
from ..workers.shipping_jobs import LabelRetryWorker, TrackingPoller
from .cycle_count_service import CycleCountService
from .labels_service import LabelService
from .orders_service import OrderService
from .packing_service import AuditLog, PackingService
from .picking_service import PickingService
from .receiving_service import ReceivingService
from .reservation_service import ReservationService
from .stock_service import StockService
from .wave_planner import WavePlanner

log = logging.getLogger(__name__)


@dataclass
class Container:
    settings: Settings
    redis: Redis
    carrier: CarrierClient
    erp: ErpClient
    printer: PrintGatewayClient
    storage: LabelStorage
    notifier: OpsNotifier
    address: AddressValidator
    sku_cache: SkuCache
    availability: AvailabilityCache
    occupancy: BinOccupancyCache
    stock: StockService
    orders: OrderService
    planner: WavePlanner
    picking: PickingService
    packing: PackingService
    labels: LabelService
    receiving: ReceivingService
    cycle_counts: CycleCountService
    hub: DashboardHub
    slots: StationSlots
    replenishment_worker: ReplenishmentWorker
    erp_sync: ErpSyncJob
    outbox: OutboxDispatcher
    label_retry: LabelRetryWorker
    tracking_poller: TrackingPoller

    async def aclose(self) -> None:
        await self.hub.close_all()
        await self.carrier.aclose()
        await self.erp.close()
        await self.printer.close()
        self.address.close()


def _load_station_printers(path: str) -> dict[str, str]:
    file = Path(path)
    if not file.exists():
        log.warning("printer map %s missing; using default printer names", path)
        return {}
    return json.loads(file.read_text(encoding="utf-8"))


async def build_container(settings: Settings, redis: Redis, http: httpx.AsyncClient) -> Container:
    carrier = CarrierClient(settings)
    erp = ErpClient(settings)
    await erp.start()
    printer = PrintGatewayClient(settings)
    await printer.start()
    storage = LabelStorage(settings)
    notifier = OpsNotifier(http, settings.ops_webhook_url)
    audit = AuditLog(redis)
    availability = AvailabilityCache(redis)
    occupancy = BinOccupancyCache(redis)
    reservations = ReservationService()
    labels = LabelService(carrier, storage, redis, settings)
    hub = DashboardHub(redis)
    replenishment = ReplenishmentService()
    address = AddressValidator(settings)
    station_printers = await asyncio.to_thread(_load_station_printers, settings.printer_map_path)
    return Container(
        settings=settings,
        redis=redis,
        carrier=carrier,
        erp=erp,
        printer=printer,
        storage=storage,
        notifier=notifier,
        address=address,
        sku_cache=SkuCache(redis),
        availability=availability,
        occupancy=occupancy,
        stock=StockService(availability, occupancy),
        orders=OrderService(address),
        planner=WavePlanner(settings, reservations),
        picking=PickingService(reservations),
        packing=PackingService(redis, audit, printer, station_printers, settings),
        labels=labels,
        receiving=ReceivingService(redis, occupancy, settings),
        cycle_counts=CycleCountService(settings),
        hub=hub,
        slots=StationSlots(settings.ws_max_connections),
        replenishment_worker=ReplenishmentWorker(redis, replenishment, settings),
        erp_sync=ErpSyncJob(erp, settings),
        outbox=OutboxDispatcher(hub),
        label_retry=LabelRetryWorker(labels, notifier),
        tracking_poller=TrackingPoller(redis, labels),
    )
