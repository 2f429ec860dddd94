from __future__ import annotations

import asyncio
import logging
from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path

from ..config import get_settings
from ..db.pg import pool
from ..repositories import ledger as ledger_repo
from ..utils.pdf import render_statement_pdf

log = logging.getLogger(__name__)


def statement_path(account_number: str, day: date) -> Path:
    base = Path(get_settings().statements_bucket_dir)
    return base / day.strftime("%Y/%m") / f"{account_number}-{day.isoformat()}.pdf"


async def statement_rows(account_id: int, day: date) -> list[tuple[str, str, object]]:
    start = datetime.combine(day, time.min, tzinfo=timezone.utc)
    entries = await ledger_repo.entries_between(account_id, start, start + timedelta(days=1))
    return [(e["created_at"].strftime("%H:%M:%S"), f'{e["entry_type"]} {e["reference"]}', e["amount"]) for e in entries]


async def build_daily_statement(account_id: int, account_number: str, day: date) -> Path:
    rows = await statement_rows(account_id, day)
    pdf = await asyncio.to_thread(render_statement_pdf, f"Daily statement {account_number} {day}", rows)
    path = statement_path(account_number, day)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(pdf)
    return path


async def activity_for_day(account_id: int, day: date) -> list[dict]:
    entries = await ledger_repo.entries_on(account_id, day)
    return [dict(e) for e in entries]


def merge_activity(trades: list[dict], cash_moves: list[dict]) -> list[dict]:
    merged: list[dict] = []
    for item in trades + cash_moves:
        merged.append(item)
        merged.sort(key=lambda x: x["created_at"])
    return merged


async def _fills_and_orders(account_id: int, start: datetime, end: datetime) -> tuple[list, list]:
    fills = await pool().fetch(
        "SELECT f.order_id, f.exec_id, f.quantity, f.price, f.executed_at FROM fills f "
        "JOIN orders o ON o.id = f.order_id WHERE o.account_id = $1 AND f.executed_at >= $2 AND f.executed_at < $3",
        account_id,
        start,
        end,
    )
    orders = await pool().fetch(
        "SELECT id, symbol, side, client_order_id FROM orders WHERE account_id = $1 AND created_at < $2 "
        "AND id = ANY($3::bigint[])",
        account_id,
        end,
        list({f["order_id"] for f in fills}),
    )
    return list(fills), list(orders)


async def trade_confirmations(account_id: int, start: datetime, end: datetime) -> list[dict]:
    fills, orders = await _fills_and_orders(account_id, start, end)
    confirmations = []
    for fill in fills:
        order = next(o for o in orders if o["id"] == fill["order_id"])
        confirmations.append(
            {
                "exec_id": fill["exec_id"],
                "symbol": order["symbol"],
                "side": order["side"],
                "quantity": fill["quantity"],
                "price": str(fill["price"]),
                "executed_at": fill["executed_at"].isoformat(),
            }
        )
    return confirmations


async def monthly_summary(account_id: int, start: datetime, end: datetime) -> dict[str, dict]:
    fills, orders = await _fills_and_orders(account_id, start, end)
    orders_by_id = {o["id"]: o for o in orders}
    per_symbol: dict[str, dict] = {}
    for fill in fills:
        order = orders_by_id[fill["order_id"]]
        bucket = per_symbol.setdefault(order["symbol"], {"bought": 0, "sold": 0})
        bucket["bought" if order["side"] == "buy" else "sold"] += fill["quantity"]
    return per_symbol
