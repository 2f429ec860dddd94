"""Monthly creator payouts and withdrawals."""
from __future__ import annotations

import asyncio
import copy
import csv
import io
import logging
from datetime import date, datetime, timezone

import httpx
from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from podhost.clients.payments import PaymentError, PaymentsClient
from podhost.config import Settings
from podhost.db.models import Creator, Show
from podhost.repositories.analytics_repo import AnalyticsRepository, PayoutRepository

log = logging.getLogger(__name__)


class InsufficientBalance(Exception):
    pass


def period_bounds(period: str) -> tuple[datetime, datetime]:
    year, month = (int(x) for x in period.split("-"))
    start = datetime(year, month, 1, tzinfo=timezone.utc)
    end = datetime(year + (month == 12), month % 12 + 1, 1, tzinfo=timezone.utc)
    return start, end


def previous_period(today: date) -> str:
    if today.month == 1:
        return f"{today.year - 1}-12"
    return f"{today.year}-{today.month - 1:02d}"


class PayoutService:
    def __init__(
        self,
        session: AsyncSession,
        analytics: AnalyticsRepository,
        payouts: PayoutRepository,
        payments: PaymentsClient,
        settings: Settings,
    ) -> None:
        self._session = session
        self._analytics = analytics
        self._payouts = payouts
        self._payments = payments
        self._settings = settings

    async def compute_month(self, period: str) -> int:
        start, end = period_bounds(period)
        result = await self._session.execute(select(Show.id, Show.creator_id))
        show_owner = dict(result.all())
        downloads = await self._analytics.downloads_by_show(list(show_owner), start, end)
        per_creator: dict[int, int] = {}
        for show_id, count in downloads.items():
            creator_id = show_owner[show_id]
            per_creator[creator_id] = per_creator.get(creator_id, 0) + count
        created = 0
        for creator_id, count in per_creator.items():
            amount = int(count / 1000 * self._settings.payout_rate_per_thousand * 100)
            if amount < self._settings.payout_min_cents:
                continue
            if await self._payouts.create(creator_id, period, count, amount) is not None:
                created += 1
        return created

    async def pay_pending(self, period: str) -> int:
        pending = await self._payouts.pending(period)
        creators = {
            c.id: c
            for c in (await self._session.execute(select(Creator).where(Creator.id.in_([p["creator_id"] for p in pending])))).scalars()
        }
        snapshot = copy.deepcopy(creators)
        paid = 0
        for payout in pending:
            creator = snapshot.get(payout["creator_id"])
            if creator is None or not creator.payout_account:
                continue
            try:
                ref = await self._payments.transfer(
                    account=creator.payout_account,
                    amount_cents=payout["amount_cents"],
                    idempotency_key=f"payout-{payout['id']}",
                )
            except PaymentError as exc:
                log.error("payout %s rejected by provider: %s", payout["id"], exc)
                await self._payouts.mark(payout["id"], "rejected")
                continue
            except httpx.HTTPError:
                await self._payouts.mark(payout["id"], "failed")
                continue
            try:
                await self._payouts.mark(payout["id"], "paid", ref)
            except Exception:
                pass
            paid += 1
        return paid

    async def withdraw(self, creator_id: int, amount_cents: int) -> str:
        creator = await self._session.get(Creator, creator_id)
        if creator is None or not creator.payout_account:
            raise InsufficientBalance("no payout account")
        if creator.balance_cents < amount_cents:
            raise InsufficientBalance(f"balance {creator.balance_cents} < {amount_cents}")
        ref = await self._payments.transfer(
            account=creator.payout_account,
            amount_cents=amount_cents,
            idempotency_key=f"withdraw-{creator_id}-{creator.balance_cents}-{amount_cents}",
        )
        await self._session.execute(
            update(Creator).where(Creator.id == creator_id).values(balance_cents=creator.balance_cents - amount_cents)
        )
        await self._session.commit()
        return ref

    async def statement_csv(self, creator_id: int) -> str:
        rows = await self._payouts.for_creator(creator_id)

        def _write() -> str:
            buf = io.StringIO()
            writer = csv.writer(buf)
            writer.writerow(["period", "downloads", "amount_usd", "status"])
            for row in rows:
                writer.writerow([row["period"], row["downloads"], f"{row['amount_cents'] / 100:.2f}", row["status"]])
            return buf.getvalue()

        return await asyncio.to_thread(_write)
