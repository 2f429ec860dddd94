"""Weekly driver payouts (arq job)."""
from __future__ import annotations

import logging
from datetime import datetime, timezone
from typing import Any

import aiohttp
from sqlalchemy import func, select

from svc.clients.payouts import PayoutsClient
from svc.config import settings
from svc.db.engine import SessionLocal
from svc.db.models import Payout, Ride, RideStatus
from svc.db.repositories import drivers as drivers_repo
from svc.db.repositories import payments as payments_repo

log = logging.getLogger(__name__)


def _period(end_iso: str | None) -> tuple[datetime, datetime]:
    end = datetime.fromisoformat(end_iso) if end_iso else datetime.now(timezone.utc).replace(hour=0, minute=0, second=0, microsecond=0)
    return end - timedelta(days=7), end


async def run_driver_payouts(ctx: dict[str, Any], period_end_iso: str | None = None) -> dict[str, int]:
    start, end = _period(period_end_iso)
    paid = failed = 0
    failed_ids: list[int] = []
    async with SessionLocal() as session, PayoutsClient() as client:
        drivers = await drivers_repo.with_payout_accounts(session)
        already_paid = list(
            (
                await session.execute(
                    select(Payout.driver_id).where(
                        Payout.driver_id.in_([d.id for d in drivers]),
                        Payout.period_start == start,
                        Payout.status == "paid",
                    )
                )
            ).scalars()
        )
        for driver in drivers:
            if driver.id in already_paid:
                continue
            total = await session.scalar(
                select(func.coalesce(func.sum(Ride.fare_cents), 0)).where(
                    Ride.driver_id == driver.id,
                    Ride.status == RideStatus.COMPLETED,
                    Ride.completed_at >= start,
                    Ride.completed_at < end,
                )
            )
            amount = int(total * 0.75)
            if amount <= 0:
                continue
            payout_id = await payments_repo.upsert_payout(session, driver.id, start, end, amount)
            await session.commit()
            try:
                ref = await client.create_transfer(driver.payout_account or "", amount, settings.payout_currency, f"payout-{payout_id}")
            except aiohttp.ClientResponseError as exc:
                log.warning("transfer for driver %s rejected with %s", driver.id, exc.status)
                failed += 1
                failed_ids.append(driver.id)
                continue
            except Exception:
                failed += 1
                failed_ids.append(driver.id)
                continue
            payout = await session.get(Payout, payout_id)
            if payout is not None:
                payout.transfer_ref = ref
                payout.status = "paid"
                await session.commit()
            paid += 1
    return {"paid": paid, "failed": failed}
