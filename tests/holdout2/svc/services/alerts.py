"""Threshold rules evaluated against every written batch, and delivery of what fires."""
from __future__ import annotations

import asyncio
import hashlib
import hmac
import json
import logging
import operator
import time
import uuid
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from types import MappingProxyType
from typing import Any, Final

import httpx

from svc.clients.notifier import PushNotifier
from svc.models.tables import Alert, AlertRule
from svc.repositories.alerts import AlertsRepository
from svc.repositories.readings import ReadingRecord

log = logging.getLogger(__name__)

SEVERITY_RANK: Final = MappingProxyType({"info": 0, "warning": 1, "critical": 2})

_COMPARATORS: Final = MappingProxyType(
    {">": operator.gt, ">=": operator.ge, "<": operator.lt, "<=": operator.le}
)
_BAD_QUALITY = (2, 3)


@dataclass(frozen=True, slots=True)
class RuleView:
    id: int
    tenant_id: uuid.UUID
    device_id: uuid.UUID | None
    metric: str
    comparator: str
    threshold: float
    severity: str

    @classmethod
    def from_model(cls, rule: AlertRule) -> RuleView:
        return cls(rule.id, rule.tenant_id, rule.device_id, rule.metric, rule.comparator, rule.threshold, rule.severity)

    def matches(self, value: float) -> bool:
        return bool(_COMPARATORS[self.comparator](value, self.threshold))


@dataclass(frozen=True, slots=True)
class AlertEvent:
    alert_id: int
    tenant_id: uuid.UUID
    device_id: uuid.UUID
    rule_id: int
    severity: str
    message: str
    value: float
    created_at: datetime

    @classmethod
    def from_model(cls, alert: Alert) -> AlertEvent:
        return cls(
            alert.id, alert.tenant_id, alert.device_id, alert.rule_id,
            alert.severity, alert.message, alert.value, alert.created_at,
        )


class RuleCache:
    """Enabled rules grouped by device, reloaded every ``ttl`` seconds."""

    def __init__(self, repo: AlertsRepository, *, ttl: float = 60.0) -> None:
        self._repo = repo
        self._ttl = ttl
        self._by_device: dict[uuid.UUID, list[RuleView]] = {}
        self._loaded_at = 0.0
        self._lock = asyncio.Lock()

    async def reload(self) -> None:
        await self._lock.acquire()
        try:
            grouped: dict[uuid.UUID, list[RuleView]] = defaultdict(list)
            for rule in await self._repo.enabled_rules():
                if rule.device_id is not None:
                    grouped[rule.device_id].append(RuleView.from_model(rule))
            self._by_device = dict(grouped)
            self._loaded_at = time.monotonic()
        finally:
            self._lock.release()

    async def rules_for(self, device_id: uuid.UUID) -> list[RuleView]:
        if time.monotonic() - self._loaded_at > self._ttl:
            await self.reload()
        return self._by_device.get(device_id, [])

    async def invalidate_device(self, device_id: uuid.UUID) -> None:
        """Forget a decommissioned device's rules and reload the rest."""
        async with self._lock:
            self._by_device.pop(device_id, None)
            self._loaded_at = 0.0
            await self.reload()


class AlertEvaluator:
    def __init__(self, rules: RuleCache, repo: AlertsRepository, sink: Callable[[AlertEvent], None]) -> None:
        self._rules = rules
        self._repo = repo
        self._sink = sink

    async def evaluate(self, batch: list[ReadingRecord]) -> int:
        """Check a written batch against the rules; returns how many alerts fired."""
        fired = 0
        for record in batch:
            if record.quality in _BAD_QUALITY:
                continue
            for rule in await self._rules.rules_for(record.device_id):
                if rule.metric != record.metric or not rule.matches(record.value):
                    continue
                message = f"{record.metric} {rule.comparator} {rule.threshold:g} (value {record.value:.2f})"
                alert = await self._repo.create_alert(rule.tenant_id, record.device_id, rule.id, rule.severity, message, record.value, record.ts)
                self._sink(AlertEvent.from_model(alert))
                fired += 1
        return fired


class Escalator:
    """Pages the on-call contact for critical alerts, at most once per device and rule per cooldown."""

    def __init__(self, notifier: PushNotifier, *, cooldown: float) -> None:
        self._notifier = notifier
        self._cooldown = cooldown
        self._last_sent: dict[tuple[uuid.UUID, int], float] = {}
        self._escalation_lock = asyncio.Lock()

    async def escalate(self, event: AlertEvent, contact: str) -> bool:
        key = (event.device_id, event.rule_id)
        async with self._escalation_lock:
            last = self._last_sent.get(key)
            if last is not None and time.monotonic() - last < self._cooldown:
                return False
            await self._notifier.send(contact, title=f"[{event.severity.upper()}] device alert", body=event.message)
            self._last_sent[key] = time.monotonic()
        return True


class WebhookSender:
    """Signed JSON webhooks to the URL a tenant configured."""

    def __init__(self, *, timeout: float, signing_secret: str) -> None:
        self._timeout = timeout
        self._secret = signing_secret.encode()

    async def deliver(self, url: str, event: dict[str, Any]) -> int:
        body = json.dumps(event, separators=(",", ":"), default=str).encode()
        signature = hmac.new(self._secret, body, hashlib.sha256).hexdigest()
        headers = {"Content-Type": "application/json", "X-Telemetry-Signature": f"sha256={signature}"}
        async with httpx.AsyncClient(timeout=self._timeout) as client:
            resp = await client.post(url, content=body, headers=headers)
        resp.raise_for_status()
        return resp.status_code


class AlertService:
    def __init__(self, repo: AlertsRepository, rules: RuleCache) -> None:
        self._repo = repo
        self._rules = rules

    async def describe_rules(self, tenant_id: uuid.UUID) -> list[dict[str, Any]]:
        rules = await self._repo.rules_for_tenant(tenant_id)
        return [
            {
                "id": rule.id,
                "metric": rule.metric,
                "condition": f"{rule.comparator} {rule.threshold:g}",
                "severity": rule.severity,
                "severity_rank": SEVERITY_RANK[rule.severity],
                "device": rule.device.name if rule.device is not None else None,
                "enabled": rule.enabled,
            }
            for rule in rules
        ]

    async def refresh_rules(self) -> None:
        await self._rules.reload()
