from __future__ import annotations

import asyncio
import logging
import time
from datetime import date, datetime, timedelta, timezone
from typing import Any

from arq import cron
from arq.connections import RedisSettings
from sqlalchemy import delete

from svc.db.models import TrackingEvent
from svc.db.repositories import CarrierRepository, ShipmentRepository, TrackingEventRepository
from svc.db.session import SessionLocal
from svc.services.carrier_gateway import CarrierApiError, CarrierGateway
from svc.services.notifications import Notifier
from svc.services.reports import build_daily_manifest
from svc.services.tracking_ingest import normalize_carrier_payload
from svc.services.webhooks import WebhookDispatcher, post_event
from svc.settings import get_settings
from svc.workers.outbox import OutboxPump

logger = logging.getLogger(__name__)

Ctx = dict[str, Any]


async def sync_carrier_status(ctx: Ctx, tracking_number: str) -> str:
    gateway: CarrierGateway = ctx["gateway"]
    async with SessionLocal() as session:
        shipment = await ShipmentRepository(session).get_by_tracking_number_with_details(tracking_number)
        if shipment is None:
            return "missing"
        carrier_status = None
        for attempt in range(4):
            try:
                carrier_status = await gateway.fetch_status(shipment.carrier.code, tracking_number)
                break
            except CarrierApiError as exc:
                if exc.status < 500 or attempt == 3:
                    raise
                logger.info("carrier %s busy (%s), retry %d", shipment.carrier.code, exc.status, attempt + 1)
                time.sleep(2 ** attempt)
        if carrier_status is None:
            return "unchanged"
        shipment.status = carrier_status.status
        shipment.eta = carrier_status.eta
        await session.commit()
    return carrier_status.status


async def refresh_open_shipments(ctx: Ctx) -> int:
    gateway: CarrierGateway = ctx["gateway"]
    async with SessionLocal() as session:
        open_shipments = await ShipmentRepository(session).list_open(limit=None)
        results = await asyncio.gather(
            *(gateway.fetch_status(s.carrier.code, s.tracking_number) for s in open_shipments),
            return_exceptions=True,
        )
        updated = 0
        for shipment, result in zip(open_shipments, results):
            if isinstance(result, BaseException):
                logger.info("status refresh failed for %s: %s", shipment.tracking_number, result)
                continue
            if result.status != shipment.status:
                shipment.status = result.status
                shipment.eta = result.eta
                updated += 1
        await session.commit()
    return updated


async def ingest_batch(ctx: Ctx, carrier_code: str, payload: dict[str, Any]) -> int:
    items = normalize_carrier_payload(carrier_code, payload)
    if not items:
        return 0
    async with SessionLocal() as session:
        shipments = await ShipmentRepository(session).get_many_by_tracking_numbers(
            {i.tracking_number for i in items}
        )
        events = TrackingEventRepository(session)
        known = await events.existing_external_ids(
            [s.id for s in shipments.values()], {i.external_id for i in items}
        )
        stored = 0
        for item in items:
            shipment = shipments.get(item.tracking_number)
            if shipment is None or (shipment.id, item.external_id) in known:
                continue
            events.stage(
                TrackingEvent(
                    shipment_id=shipment.id,
                    external_id=item.external_id,
                    status=item.status,
                    description=item.description,
                    location=item.location,
                    occurred_at=item.occurred_at,
                    raw=item.raw,
                )
            )
            known.add((shipment.id, item.external_id))
            shipment.status = item.status
            stored += 1
        await session.commit()
    logger.info("ingested %d/%d events from %s", stored, len(items), carrier_code)
    return stored


async def purge_stale_events(ctx: Ctx) -> int:
    cutoff = datetime.now(timezone.utc) - timedelta(days=get_settings().event_retention_days)
    session = SessionLocal()
    result = await session.execute(delete(TrackingEvent).where(TrackingEvent.occurred_at < cutoff))
    await session.commit()
    await session.close()
    logger.info("purged %d tracking events older than %s", result.rowcount, cutoff.date())
    return result.rowcount


async def build_manifests(ctx: Ctx, day: str | None = None) -> list[str]:
    target_day = date.fromisoformat(day) if day else date.today() - timedelta(days=1)
    async with SessionLocal() as session:
        carriers = await CarrierRepository(session).list_all()
    written: list[str] = []
    for carrier in carriers:
        if not carrier.active:
            continue
        path = await asyncio.to_thread(build_daily_manifest, carrier.id, target_day)
        written.append(str(path))
    return written


async def forward_event_to_partner(ctx: Ctx, url: str, secret: str, payload: dict[str, Any]) -> int:
    status = await post_event(url, secret, payload)
    if status >= 500:
        raise RuntimeError(f"partner endpoint answered {status}")
    return status


async def send_status_sms(ctx: Ctx, tracking_number: str, phone: str, status: str) -> None:
    notifier: Notifier = ctx["notifier"]
    await notifier.notify_status_change(tracking_number, phone, status)


async def startup(ctx: Ctx) -> None:
    settings = get_settings()
    gateway = CarrierGateway(settings)
    await gateway.start()
    dispatcher = WebhookDispatcher()
    await dispatcher.start()
    ctx["gateway"] = gateway
    ctx["dispatcher"] = dispatcher
    ctx["notifier"] = Notifier(settings)
    ctx["outbox_task"] = asyncio.create_task(OutboxPump(dispatcher).run(), name="outbox-pump")


async def shutdown(ctx: Ctx) -> None:
    task: asyncio.Task[None] = ctx["outbox_task"]
    task.cancel()
    await asyncio.gather(task, return_exceptions=True)
    await ctx["dispatcher"].close()
    await ctx["gateway"].close()


class WorkerSettings:
    functions = [
        sync_carrier_status,
        refresh_open_shipments,
        ingest_batch,
        purge_stale_events,
        build_manifests,
        forward_event_to_partner,
        send_status_sms,
    ]
    cron_jobs = [
        cron(refresh_open_shipments, minute={0, 20, 40}),
        cron(purge_stale_events, hour={3}, minute={15}),
        cron(build_manifests, hour={0}, minute={30}),
    ]
    on_startup = startup
    on_shutdown = shutdown
    redis_settings = RedisSettings.from_dsn(get_settings().redis_url)
    max_jobs = 20
    job_timeout = 900
