"""Delivers fired alerts to dashboards, tenant webhooks and the on-call contact.

Alerts are fired by the ingest writer of this process and delivered by this process, so
each replica runs its own dispatcher.
"""
from __future__ import annotations

import asyncio
import logging
from typing import Any

from svc.cache import TenantConfigCache
from svc.services.alerts import AlertEvent, Escalator, WebhookSender
from svc.ws.dashboard import DashboardHub

log = logging.getLogger(__name__)


def serialize_alert(event: AlertEvent) -> dict[str, Any]:
    return {
        "id": event.alert_id,
        "device_id": str(event.device_id),
        "rule_id": event.rule_id,
        "severity": event.severity,
        "message": event.message,
        "value": event.value,
        "created_at": event.created_at.isoformat(),
    }


class AlertDispatcher:
    def __init__(
        self,
        hub: DashboardHub,
        webhooks: WebhookSender,
        escalator: Escalator,
        tenants: TenantConfigCache,
    ) -> None:
        self._hub = hub
        self._webhooks = webhooks
        self._escalator = escalator
        self._tenants = tenants
        self._queue: asyncio.Queue[AlertEvent] = asyncio.Queue()

    def enqueue(self, event: AlertEvent) -> None:
        self._queue.put_nowait(event)

    def backlog(self) -> int:
        return self._queue.qsize()

    async def run(self) -> None:
        while True:
            event = await self._queue.get()
            try:
                await self._deliver(event)
            except Exception:
                log.exception("delivery of alert %s failed", event.alert_id)
            finally:
                self._queue.task_done()

    async def _deliver(self, event: AlertEvent) -> None:
        payload = await serialize_alert(event)
        await self._hub.broadcast_alert(event.tenant_id, payload)
        config = await self._tenants.get(event.tenant_id)
        if config.webhook_url:
            await self._webhooks.deliver(config.webhook_url, {"type": "alert", "tenant": config.slug, "alert": payload})
        if event.severity == "critical" and config.alert_contact:
            await self._escalator.escalate(event, config.alert_contact)
