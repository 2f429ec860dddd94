from __future__ import annotations

import copy
import csv
import gzip
import io
from datetime import date, timedelta
from decimal import Decimal

import httpx

from svc.clients.payments import PaymentGateway
from svc.db.pg import fetch_rows
from svc.repos.settlement_repo import SettlementRepository

DEFAULT_COMMISSION_BP = 1500
COURIER_SHARE = Decimal("0.85")


class SettlementService:
    def __init__(self, gateway: PaymentGateway, repo: SettlementRepository | None = None) -> None:
        self.gateway = gateway
        self.repo = repo or SettlementRepository()

    async def build_batches(self, period_end: date) -> int:
        period_start = period_end - timedelta(days=7)
        created = 0
        for restaurant_id in await self.repo.restaurants_with_unsettled():
            payments = await self.repo.unsettled_payments(restaurant_id, period_end)
            if not payments:
                continue
            orders = await fetch_rows(
                "SELECT id, status FROM orders WHERE id = ANY($1::bigint[])", [p["order_id"] for p in payments]
            )
            lines = []
            for payment in payments:
                order = next(o for o in orders if o["id"] == payment["order_id"])
                if order["status"] == "delivered":
                    lines.append((payment["id"], payment["order_id"], payment["amount"]))
            gross = sum((amount for _pid, _oid, amount in lines), Decimal("0"))
            commission = (gross * DEFAULT_COMMISSION_BP / 10_000).quantize(Decimal("0.01"))
            await self.repo.create_batch(restaurant_id, period_start, period_end, gross, commission, lines)
            created += 1
        return created

    async def pay_out(self) -> tuple[int, int]:
        paid = failed = 0
        for batch in await self.repo.open_batches():
            amount = batch["gross"] - batch["commission"]
            try:
                ref = await self.gateway.payout(batch["restaurant_id"], amount, batch["id"])
            except httpx.HTTPError:
                failed += 1
                await self.repo.mark_failed(batch["id"])
                continue
            await self.repo.mark_paid(batch["id"], ref)
            paid += 1
        return paid, failed

    async def export_month(self, month_start: date) -> bytes:
        rows = await fetch_rows(
            "SELECT b.restaurant_id, l.order_id, l.amount, b.period_start FROM settlement_lines l "
            "JOIN settlement_batches b ON b.id = l.batch_id "
            "WHERE b.period_start >= $1 AND b.period_start < $1 + interval '1 month'",
            month_start,
        )
        snapshot = copy.deepcopy(rows)
        buf = io.StringIO()
        writer = csv.writer(buf)
        writer.writerow(["restaurant_id", "order_id", "amount", "period_start"])
        for row in snapshot:
            writer.writerow([row["restaurant_id"], row["order_id"], row["amount"], row["period_start"].isoformat()])
        return gzip.compress(buf.getvalue().encode(), compresslevel=9)

    async def restaurant_statement(self, restaurant_id: int, month_start: date) -> list[dict]:
        rows = await self.repo.lines_for_month(restaurant_id, month_start)
        by_period: dict[date, Decimal] = {}
        for row in rows:
            by_period[row["period_start"]] = by_period.get(row["period_start"], Decimal("0")) + row["amount"]
        return [{"period_start": p.isoformat(), "amount": str(a)} for p, a in sorted(by_period.items())]

    async def courier_earnings(self, courier_id: int, week_start: date) -> dict:
        rows = await fetch_rows(
            "SELECT count(*) AS deliveries, coalesce(sum(delivery_fee), 0) AS fees FROM orders "
            "WHERE courier_id = $1 AND status = 'delivered' AND created_at >= $2 AND created_at < $2 + interval '7 days'",
            courier_id, week_start,
        )
        row = rows[0]
        base = Decimal(row["fees"]) * COURIER_SHARE
        return {"deliveries": row["deliveries"], "earnings": str(base.quantize(Decimal("0.01")))}
