"""Alert rule evaluation and notification."""
from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Sequence
from typing import TYPE_CHECKING, Any

import redis.asyncio as aioredis

from svc.cache import RuleCache, RuleSpec
from svc.clients.geo import Geocoder, RoadSpeedClient
from svc.clients.notify import SmsGateway, WebhookSender, ensure_public_host
from svc.db.alerts_repo import AlertRepository
from svc.db.devices_repo import DeviceRecord
from svc.services.geofences import point_in_polygon

if TYPE_CHECKING:
    from svc.services.telemetry import TelemetryPointIn

logger = logging.getLogger(__name__)

RuleLoader = Callable[[int], Awaitable[list[RuleSpec]]]


class AlertService:
    def __init__(
        self,
        repo: AlertRepository,
        rules: RuleCache,
        rule_loader: RuleLoader,
        geocoder: Geocoder,
        roads: RoadSpeedClient,
        sms: SmsGateway,
        webhooks: WebhookSender,
        redis: aioredis.Redis,
    ) -> None:
        self._repo = repo
        self._rules = rules
        self._load_rules = rule_loader
        self._geocoder = geocoder
        self._roads = roads
        self._sms = sms
        self._webhooks = webhooks
        self._redis = redis
        self._webhook_slots = asyncio.Semaphore(8)

    async def evaluate(self, device: DeviceRecord, points: Sequence[TelemetryPointIn]) -> None:
        rules = await self._rules.get(device.fleet_id)
        if rules is None:
            rules = await self._load_rules(device.fleet_id)
        rules.sort(key=lambda r: r.priority)
        last = points[-1]
        limit: float | None = None
        if any(rule.kind == "speeding" for rule in rules):
            limit = await self._roads.speed_limit(last.lat, last.lon)
        for rule in rules:
            if rule.kind == "speeding" and limit is not None:
                if last.speed_kph > limit + (rule.threshold or 0):
                    await self._fire(device, rule, f"speed {last.speed_kph:.0f} km/h in a {limit:.0f} zone", last)
            elif rule.kind == "geofence_exit" and rule.polygon:
                if not point_in_polygon(last.lat, last.lon, rule.polygon):
                    await self._fire(device, rule, "left geofence", last)
            elif rule.kind == "idle" and not last.ignition:
                continue

    async def _describe(self, point: TelemetryPointIn) -> str:
        try:
            return await self._geocoder.reverse(point.lat, point.lon)
        except Exception:
            logger.warning("reverse geocoding failed; using coordinates", exc_info=True)
            return f"{point.lat:.5f},{point.lon:.5f}"

    async def _fire(self, device: DeviceRecord, rule: RuleSpec, summary: str, point: TelemetryPointIn) -> None:
        alert_id = await self._repo.raise_alert(device.id, rule.id, summary)
        if alert_id is None:
            return
        place = await self._describe(point)
        message = f"{device.serial}: {summary} near {place}"
        if rule.sms_to:
            await self._send_sms(rule, message)
        await self._fan_out_webhooks(device.fleet_id, {"alert_id": alert_id, "device": device.serial, "message": message})

    async def _send_sms(self, rule: RuleSpec, message: str) -> None:
        throttle_key = f"sms-throttle:{rule.id}:{rule.sms_to}"
        if await self._redis.exists(throttle_key):
            return
        await self._redis.set(throttle_key, "1", ex=rule.cooldown_s)
        self._sms.send(rule.sms_to or "", message)

    async def _fan_out_webhooks(self, fleet_id: int, payload: dict[str, Any]) -> None:
        urls = await self._redis.smembers(f"webhooks:{fleet_id}")
        dedupe = f"webhook-sent:{payload['alert_id']}"
        if not await self._redis.set(dedupe, "1", nx=True, ex=3600):
            return

        async def deliver(url: str) -> None:
            async with self._webhook_slots:
                try:
                    await self._webhooks.deliver(url, payload)
                except Exception:
                    logger.exception("webhook delivery to %s failed", url)

        await asyncio.gather(*(deliver(url) for url in urls))

    async def register_webhook(self, fleet_id: int, url: str) -> None:
        ensure_public_host(url)
        await self._redis.sadd(f"webhooks:{fleet_id}", url)

    async def acknowledge(self, alert_id: int, user: str) -> bool:
        return await self._repo.acknowledge(alert_id, user)
