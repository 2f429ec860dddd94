"""Wires clients and services once per process; stored on ``app.state.services``."""
from __future__ import annotations

from dataclasses import dataclass

import httpx
from fastapi import Request

from svc.caches.availability_cache import AvailabilityCache
from svc.clients.channel_manager import ChannelManagerClient
from svc.clients.email import Mailer
from svc.clients.fx import FxClient
from svc.clients.loyalty import LoyaltyClient
from svc.clients.payment_gateway import PaymentGateway
from svc.clients.rate_shopper import RateShopperClient
from svc.services.channel_ingest import ChannelIngestService, WebhookDeduper
from svc.services.channel_sync import ChannelSyncService
from svc.services.holds import HoldService
from svc.services.housekeeping import HousekeepingService
from svc.services.inventory import InventoryService
from svc.services.invoicing import InvoicingService
from svc.services.night_audit import NightAuditService
from svc.services.notifications import Notifier
from svc.services.pricing import PricingService
from svc.services.reservations import ReservationService


@dataclass
class Services:
    http: httpx.AsyncClient
    cm: ChannelManagerClient
    payments: PaymentGateway
    mailer: Mailer
    inventory: InventoryService
    pricing: PricingService
    holds: HoldService
    reservations: ReservationService
    invoicing: InvoicingService
    housekeeping: HousekeepingService
    night_audit: NightAuditService
    channel_sync: ChannelSyncService
    channel_ingest: ChannelIngestService
    deduper: WebhookDeduper

    async def aclose(self) -> None:
        await self.cm.aclose()
        await self.payments.aclose()
        await self.http.aclose()


def build_services() -> Services:
    http = httpx.AsyncClient(limits=httpx.Limits(max_connections=50))
    cm = ChannelManagerClient()
    payments = PaymentGateway()
    mailer = Mailer()
    inventory = InventoryService(AvailabilityCache(ttl_seconds=30))
    fx = FxClient(http)
    pricing = PricingService(RateShopperClient(http), fx)
    return Services(
        http=http,
        cm=cm,
        payments=payments,
        mailer=mailer,
        inventory=inventory,
        pricing=pricing,
        holds=HoldService(inventory),
        reservations=ReservationService(inventory, pricing, payments, LoyaltyClient(), Notifier(mailer)),
        invoicing=InvoicingService(fx),
        housekeeping=HousekeepingService(),
        night_audit=NightAuditService(),
        channel_sync=ChannelSyncService(cm, inventory),
        channel_ingest=ChannelIngestService(cm),
        deduper=WebhookDeduper(),
    )


def services(request: Request) -> Services:
    return request.app.state.services
