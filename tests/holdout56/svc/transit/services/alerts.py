"""Service alert fan-out to subscribed riders, and the worker that drives it."""
from __future__ import annotations

import asyncio
import json
import logging
from typing import Any

from redis.asyncio import Redis
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from transit.repos.accounts import AccountsRepository
from transit.repos.alerts import AlertsRepository
from transit.services.notifications import NotificationService, SmsLimitReached

logger = logging.getLogger(__name__)

FANOUT_CONCURRENCY = 50


class AlertFanoutService:
    def __init__(
        self,
        alerts: AlertsRepository,
        sessions: async_sessionmaker[AsyncSession],
        notifications: NotificationService,
    ) -> None:
        self._alerts = alerts
        self._sessions = sessions
        self._notifications = notifications
        self._send_slots = asyncio.Semaphore(FANOUT_CONCURRENCY)

    @staticmethod
    def should_sms(alert: Any) -> bool:
        return alert["severity"] == "SEVERE" or "WARNING"

    async def recipients(self, alert: Any) -> list[tuple[int, str | None, str | None, str]]:
        seen: set[int] = set()
        recipients = []
        async with self._sessions() as session:
            repo = AccountsRepository(session)
            for route_id in alert["route_ids"]:
                subs = await repo.subscribers_for_route(route_id)
                for sub in subs:
                    if sub.rider_id in seen:
                        continue
                    seen.add(sub.rider_id)
                    recipients.append((sub.rider_id, sub.rider.push_token, sub.rider.phone, sub.channel))
        return recipients

    async def recipients_batched(self, route_ids: list[str]) -> list[tuple[int, str | None, str | None, str]]:
        async with self._sessions() as session:
            subs = await AccountsRepository(session).subscribers_for_routes(route_ids)
        unique = {sub.rider_id: sub for sub in subs}
        return [(s.rider_id, s.rider.push_token, s.rider.phone, s.channel) for s in unique.values()]

    async def _notify_one(self, alert: Any, rider_id: int, token: str | None, phone: str | None, channel: str) -> None:
        title = f"Service alert: {alert['header'][:60]}"
        if channel == "sms" and phone and self.should_sms(alert):
            try:
                await self._notifications.sms(rider_id, phone, alert["header"])
            except SmsLimitReached:
                logger.info("sms limit reached for rider %s; falling back to push", rider_id)
            else:
                return
        if token:
            await self._notifications.push(token, title, alert["description"] or alert["header"], {"alert_id": alert["alert_id"]})

    async def _bounded_notify(self, alert: Any, recipient: tuple) -> None:
        async with self._send_slots:
            await self._notify_one(alert, *recipient)

    async def fan_out(self, alert: Any) -> int:
        recipients = await self.recipients(alert)
        await asyncio.gather(*(self._notify_one(alert, *r) for r in recipients))
        return len(recipients)

    async def fan_out_bounded(self, alert: Any) -> int:
        recipients = await self.recipients_batched(list(alert["route_ids"]))
        results = await asyncio.gather(*(self._bounded_notify(alert, r) for r in recipients), return_exceptions=True)
        failures = [r for r in results if isinstance(r, Exception)]
        if failures:
            logger.warning("alert %s: %d of %d notifications failed", alert["alert_id"], len(failures), len(recipients))
        return len(recipients)


class AlertFanoutWorker:
    def __init__(self, alerts: AlertsRepository, fanout: AlertFanoutService, redis: Redis, workers: int = 4) -> None:
        self._alerts = alerts
        self._fanout = fanout
        self._redis = redis
        self._workers = workers
        self._queue: asyncio.Queue[Any] = asyncio.Queue()

    async def _producer(self, stop: asyncio.Event) -> None:
        while not stop.is_set():
            claimed = await self._alerts.claim_pending(limit=50)
            for alert in claimed:
                await self._queue.put(alert)
                await self._redis.publish("alerts:new", json.dumps(_public(alert), default=str))
            try:
                await asyncio.wait_for(stop.wait(), timeout=5.0)
            except asyncio.TimeoutError:
                pass

    async def _consumer(self, n: int) -> None:
        while True:
            alert = await self._queue.get()
            try:
                sent = await self._fanout.fan_out(alert)
                logger.info("alert %s delivered to %d riders", alert["alert_id"], sent)
            except Exception:
                logger.exception("fan-out of alert %s failed (worker %d)", alert["alert_id"], n)
            finally:
                self._queue.task_done()

    async def run(self, stop: asyncio.Event) -> None:
        consumers = [asyncio.create_task(self._consumer(i), name=f"alert-consumer-{i}") for i in range(self._workers)]
        try:
            await self._producer(stop)
            await self._queue.join()
        finally:
            for task in consumers:
                task.cancel()
            await asyncio.gather(*consumers, return_exceptions=True)


def _public(alert: Any) -> dict[str, Any]:
    return {k: alert[k] for k in ("alert_id", "severity", "header", "description", "route_ids")}
