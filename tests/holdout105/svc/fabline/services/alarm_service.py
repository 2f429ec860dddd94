"""SPC alarm fan-out: redis pubsub for the floor, pager and mail for on-call."""
from __future__ import annotations

import asyncio
import json
import logging

import redis.asyncio as aioredis

from fabline.clients.mes_notify_client import NotifyClient, send_email_sync
from fabline.core.settings import Settings
from fabline.models.spc import SpcAlarm, SpcChart

logger = logging.getLogger(__name__)


class AlarmService:
    def __init__(self, redis: aioredis.Redis, notify: NotifyClient, settings: Settings) -> None:
        self.redis = redis
        self.notify = notify
        self.settings = settings

    async def raise_alarm(self, alarm: SpcAlarm, chart: SpcChart) -> None:
        message = {
            "alarm_id": alarm.id,
            "chart_id": chart.id,
            "tool_id": chart.tool_id,
            "parameter": chart.parameter,
            "rule": alarm.rule,
            "lot_id": alarm.lot_id,
        }
        await self.redis.publish("spc-alarms", json.dumps(message))
        self.notify.page_oncall(f"SPC {alarm.rule} on {chart.parameter}", message)
        send_email_sync(
            self.settings.smtp_host,
            self.settings.alarm_mail_to,
            f"[SPC] {alarm.rule} tool {chart.tool_id} {chart.parameter}",
            json.dumps(message, indent=2),
        )
        logger.warning("spc alarm %s raised", alarm.id, extra={"chart_id": chart.id})

    async def send_digest(self, alarms: list[dict]) -> None:
        if not alarms:
            return
        body = "\n".join(f"{a['rule']} chart {a['chart_id']} lot {a['lot_id']}" for a in alarms)
        await asyncio.to_thread(
            send_email_sync, self.settings.smtp_host, self.settings.alarm_mail_to, "[SPC] shift digest", body
        )
        await self.notify.post_digest(len(alarms))
