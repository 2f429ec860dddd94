from __future__ import annotations

from datetime import timedelta
from typing import Optional

import asyncpg
import structlog

from pulsewatch.repositories.alerts import AlertRepository
from pulsewatch.repositories.incidents import IncidentRepository
from pulsewatch.repositories.monitors import MonitorRepository
from pulsewatch.services.alerting import AlertContext, AlertRouter
from pulsewatch.services.confirmation import ConfirmationService
from pulsewatch.timeutil import utcnow

log = structlog.get_logger(__name__)

DEFAULT_STEP_DELAY_MIN = 10


class EscalationService:
    def __init__(
        self,
        incidents: IncidentRepository,
        monitors: MonitorRepository,
        alerts: AlertRepository,
        router: AlertRouter,
        confirmation: ConfirmationService,
    ) -> None:
        self._incidents = incidents
        self._monitors = monitors
        self._alerts = alerts
        self._router = router
        self._confirmation = confirmation

    def _next_at(self, policy: asyncpg.Record, step_index: int) -> Optional[int]:
        steps = policy["steps"]
        total = len(steps) * (policy["repeat_count"] + 1)
        if step_index + 1 >= total:
            return None
        step = steps[step_index % len(steps)]
        return int(step.get("delay_minutes", DEFAULT_STEP_DELAY_MIN))

    async def run_due(self, batch_size: int = 100) -> int:
        now = utcnow()
        due = await self._incidents.claim_due_escalations(now, batch_size)
        if not due:
            return 0
        monitors = {m["id"]: m for m in await self._monitors.get_many(i["monitor_id"] for i in due if i["monitor_id"])}
        policies = await self._alerts.get_policies(
            m["escalation_policy_id"] for m in monitors.values() if m["escalation_policy_id"]
        )
        regions_by_monitor = await self._confirmation.failing_regions_many(list(monitors))
        handled = 0
        for incident in due:
            monitor = monitors.get(incident["monitor_id"])
            if monitor is None or monitor["escalation_policy_id"] is None:
                continue
            policy = policies.get(monitor["escalation_policy_id"])
            if policy is None:
                continue
            step_index = incident["escalation_step"]
            regions = regions_by_monitor.get(monitor["id"], set())
            ctx = AlertContext(
                incident_id=incident["id"],
                org_id=incident["org_id"],
                monitor_name=monitor["name"],
                target=monitor["target"],
                status="down",
                started_at=incident["started_at"].isoformat(),
                error=None,
                regions=sorted(regions),
            )
            delivered = await self._router.route_step(policy, step_index, ctx)
            delay = self._next_at(policy, step_index)
            next_at = now + timedelta(minutes=delay) if delay is not None else None
            await self._incidents.schedule_next_step(incident["id"], step_index + 1, next_at)
            log.info("escalation.step", incident_id=str(incident["id"]), step=step_index, delivered=delivered)
            handled += 1
        return handled
