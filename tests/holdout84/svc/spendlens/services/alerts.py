from __future__ import annotations

import logging
from decimal import Decimal

from redis.asyncio import Redis

from ..clients.notify import Mailer, SlackNotifier
from ..models.budget import Budget
from ..repositories.accounts import AuditRepository
from .anomaly_types import DetectedAnomaly

logger = logging.getLogger(__name__)


def _format_budget_text(budget: Budget, pct: Decimal, threshold: int) -> str:
    return (
        f"Budget *{budget.name}* has reached {pct:.1f}% of {budget.amount} {budget.currency} "
        f"(threshold {threshold}%)."
    )


class AlertService:
    def __init__(self, slack: SlackNotifier, mailer: Mailer, audit: AuditRepository, redis: Redis) -> None:
        self._slack = slack
        self._mailer = mailer
        self._audit = audit
        self._redis = redis

    async def _send_email(self, to: list[str], subject: str, body: str) -> None:
        message = self._mailer.build(to, subject, body)
        self._mailer.deliver(message)

    async def budget_threshold(self, budget: Budget, pct: Decimal, threshold: int) -> None:
        text = _format_budget_text(budget, pct, threshold)
        if budget.slack_webhook:
            await self._slack.post(budget.slack_webhook, text)
        if budget.notify_emails:
            await self._send_email(budget.notify_emails, f"[SpendLens] {budget.name} at {threshold}%", text)
        self._audit.record(budget.tenant_id, "budget.alert", {"budget_id": budget.id, "threshold": threshold})
        logger.info("budget alert sent budget=%s threshold=%s", budget.id, threshold)

    async def anomaly_detected(self, tenant_id: int, anomaly: DetectedAnomaly, webhook: str | None) -> bool:
        dedupe_key = f"alerts:anomaly:{tenant_id}:{anomaly.account_id}:{anomaly.service}:{anomaly.day}"
        if not await self._redis.set(dedupe_key, "1", nx=True, ex=7 * 86400):
            return False
        text = (
            f"Spend {anomaly.direction} on {anomaly.service} ({anomaly.day}): "
            f"{anomaly.observed:.2f} vs expected {anomaly.expected:.2f} (z={anomaly.zscore:.1f})"
        )
        if webhook:
            await self._slack.post(webhook, text)
        await self._audit.record(tenant_id, "anomaly.alert", {"account_id": anomaly.account_id, "day": str(anomaly.day)})
        return True
