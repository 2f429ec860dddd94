"""Evaluates price alerts against the latest prices and sends the daily digest."""

from __future__ import annotations

import asyncio
import logging
from datetime import date, datetime, timezone
from decimal import Decimal
from typing import Any, Mapping

import redis.asyncio as redis

from app.config import settings
from app.database import DataManager
from app.services import notifier

logger = logging.getLogger(__name__)

DIGEST_HOUR_UTC = 21


def crossed(direction: str, threshold: Decimal, price: Decimal) -> bool:
    return price >= threshold if direction == "above" else price <= threshold


def render_digest(user: Mapping[str, Any], summary: Mapping[str, Any]) -> str:
    return (
        f"Hi {user['display_name']},\n\n"
        f"Orders to date: {summary['total']} ({summary['filled']} filled, "
        f"{summary['cancelled']} cancelled).\n"
        f"Traded notional: {Decimal(summary['traded_notional']):,.2f}\n"
    )


class AlertWorker:
    def __init__(
        self,
        dm: DataManager,
        redis_client: redis.Redis,
        interval: float | None = None,
    ) -> None:
        self.dm = dm
        self.redis = redis_client
        self.interval = interval or settings.alert_check_interval
        self.triggered: asyncio.Queue[dict[str, Any]] = asyncio.Queue(maxsize=settings.alert_queue_size)
        self._last_digest: date | None = None
        self._dispatcher: asyncio.Task[None] | None = None

    async def run(self) -> None:
        self._dispatcher = asyncio.create_task(self._dispatch_loop(), name="alert-dispatch")
        logger.info("alert worker started (every %.1fs)", self.interval)
        while True:
            try:
                await self.check_alerts()
                if self._digest_due():
                    await self.send_daily_digest()
            except:
                logger.exception("alert check failed")
            await asyncio.sleep(self.interval)

    def _digest_due(self) -> bool:
        now = datetime.now(timezone.utc)
        if now.hour != DIGEST_HOUR_UTC or self._last_digest == now.date():
            return False
        self._last_digest = now.date()
        return True

    async def check_alerts(self) -> int:
        alerts = await self.dm.list_active_alerts()
        if not alerts:
            return 0
        prices = await self.redis.hgetall("last_prices")
        instruments = await self.dm.get_instruments_by_ids([a["instrument_id"] for a in alerts])

        hits: dict[int, dict[str, Any]] = {}
        for alert in alerts:
            instrument = instruments.get(alert["instrument_id"])
            if instrument is None:
                continue
            raw = prices.get(instrument["symbol"])
            if raw is None:
                continue
            price = Decimal(raw)
            if crossed(alert["direction"], alert["threshold"], price):
                hits[alert["id"]] = {
                    "alert_id": alert["id"],
                    "user_id": alert["user_id"],
                    "symbol": instrument["symbol"],
                    "direction": alert["direction"],
                    "threshold": str(alert["threshold"]),
                    "price": raw,
                }

        fired = await self.dm.mark_alerts_triggered(list(hits))
        for alert_id in fired:
            await self.triggered.put(hits[alert_id])
        return len(fired)

    async def _dispatch_loop(self) -> None:
        while True:
            event = await self.triggered.get()
            try:
                user = await self.dm.get_user(event["user_id"])
                if user is not None:
                    await asyncio.to_thread(notifier.notify_price_alert, dict(user), event)
            except Exception:
                logger.exception("could not deliver alert %s", event["alert_id"])
            finally:
                self.triggered.task_done()

    async def send_daily_digest(self) -> None:
        users = await self.dm.list_active_users()
        results = await asyncio.gather(*[self._send_digest(user) for user in users], return_exceptions=True)
        failures = [r for r in results if isinstance(r, Exception)]
        logger.info("daily digest sent to %d users (%d failed)", len(users) - len(failures), len(failures))

    async def _send_digest(self, user: Mapping[str, Any]) -> None:
        summary = await self.dm.get_user_order_summary(user["id"])
        if not summary["total"]:
            return
        await asyncio.to_thread(
            notifier.send_email, user["email"], "Your daily trading summary", render_digest(user, summary)
        )
