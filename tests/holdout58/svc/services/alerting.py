"""Threshold alerting over recent telemetry."""
from __future__ import annotations

import asyncio
import logging
import operator
from collections import defaultdict
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import async_sessionmaker

from ..clients.notifier import PagerNotifier
from ..db.models import AlertRule, Device
from ..repositories.alerts import AlertRepository
from ..repositories.telemetry import TelemetryRepository
from ..utils.errors import NotificationError

logger = logging.getLogger(__name__)

_OPS = {"gt": operator.gt, "ge": operator.ge, "lt": operator.lt, "le": operator.le}


class AlertService:
    def __init__(
        self,
        session_factory: async_sessionmaker,
        telemetry: TelemetryRepository,
        notifier: PagerNotifier,
    ) -> None:
        self._session_factory = session_factory
        self._telemetry = telemetry
        self._notifier = notifier
        self._device_labels: dict[str, str] = {}

    async def evaluate_once(self) -> int:
        now = datetime.now(timezone.utc)
        fired = 0
        async with self._session_factory() as session:
            repo = AlertRepository(session)
            rules = await repo.enabled_rules()
            if not rules:
                return 0
            open_keys = await repo.open_alert_keys([r.id for r in rules])
            site_devices = await self._devices_by_site(session, {r.site_id for r in rules})
            longest = max(r.window_minutes for r in rules)
            all_devices = sorted({d for ids in site_devices.values() for d in ids})
            metrics = sorted({r.metric for r in rules})
            values = await self._telemetry.latest_values_multi(all_devices, metrics, now - timedelta(minutes=longest))
            for rule in rules:
                compare = _OPS.get(rule.op)
                if compare is None:
                    logger.error("alert rule %s has unknown operator %r", rule.id, rule.op)
                    continue
                for device_id in site_devices.get(rule.site_id, ()):
                    series = values.get((device_id, rule.metric))
                    if not series or (rule.id, device_id) in open_keys:
                        continue
                    latest = series[-1]
                    if compare(latest, rule.threshold):
                        await repo.record(rule.id, device_id, latest)
                        open_keys.add((rule.id, device_id))
                        asyncio.create_task(self._page(rule, device_id, latest))
                        fired += 1
            await session.commit()
        return fired

    async def _devices_by_site(self, session, site_ids: set[str]) -> dict[str, list[str]]:
        stmt = select(Device.site_id, Device.id, Device.serial).where(
            Device.site_id.in_(site_ids), Device.status == "active"
        )
        out: dict[str, list[str]] = defaultdict(list)
        for site_id, device_id, serial in (await session.execute(stmt)).all():
            out[site_id].append(device_id)
            self._device_labels[device_id] = serial
        return out

    async def _page(self, rule: AlertRule, device_id: str, value: float) -> None:
        label = self._device_labels.get(device_id, device_id)
        summary = f"{rule.metric} {rule.op} {rule.threshold} on {label}: {value:.2f}"
        try:
            await self._notifier.send_alert(
                rule_id=rule.id, device_id=device_id, severity="critical", summary=summary
            )
        except NotificationError:
            logger.exception("could not page for rule %s on %s", rule.id, device_id)


async def run_alert_evaluator(service: AlertService, interval: float) -> None:
    while True:
        try:
            fired = await service.evaluate_once()
            if fired:
                logger.info("alert evaluation fired %d alerts", fired)
            await asyncio.sleep(interval)
        except asyncio.CancelledError:
            raise
        except Exception:
            logger.exception("alert evaluator crashed; restarting")
