"""Marks reservations as no-shows after the grace period and charges the fee."""

from __future__ import annotations

import asyncio
import logging
from datetime import datetime, timedelta, timezone

from svc import config
from svc.clients.payments import PaymentsClient
from svc.db.pool import Database
from svc.errors import PaymentProviderError
from svc.realtime.hub import FloorHub

logger = logging.getLogger(__name__)


async def sweep_no_shows(db: Database, payments: PaymentsClient, hub: FloorHub) -> int:
    grace = timedelta(minutes=config.NO_SHOW_GRACE_MINUTES)
    cutoff = datetime.now(timezone.utc) - grace
    async with db.connection() as conn:
        rows = await conn.fetch(
            "SELECT r.id, r.venue_id, d.provider_intent_id FROM reservations r JOIN deposits d ON d.reservation_id = r.id "
            "WHERE r.status = 'booked' AND r.starts_at < $1 AND d.status = 'authorized'",
            cutoff,
        )
    swept = 0
    for row in rows:
        try:
            await payments.capture_no_show_fee(row["provider_intent_id"], config.settings.no_show_fee_cents)
        except PaymentProviderError:
            continue
        async with db.connection() as conn:
            await conn.execute("UPDATE reservations SET status = 'no_show' WHERE id = $1 AND status = 'booked'", row["id"])
        await hub.publish(row["venue_id"], {"type": "reservation.no_show", "id": row["id"]})
        swept += 1
    return swept


async def run_no_show_sweeper(db: Database, payments: PaymentsClient, hub: FloorHub) -> None:
    interval = config.settings.sweeper_interval_seconds
    while True:
        try:
            swept = await sweep_no_shows(db, payments, hub)
            if swept:
                logger.info("marked %d reservations as no-show", swept)
        except asyncio.CancelledError:
            raise
        except Exception:
            logger.exception("no-show sweep failed")
        await asyncio.sleep(interval)
