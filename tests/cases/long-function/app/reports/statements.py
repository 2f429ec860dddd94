"""Monthly account statements."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal


@dataclass
class Statement:
    account_id: int
    period: str
    lines: list[dict] = field(default_factory=list)
    opening: Decimal = Decimal("0")
    closing: Decimal = Decimal("0")
    fees: Decimal = Decimal("0")
    interest: Decimal = Decimal("0")
    warnings: list[str] = field(default_factory=list)


async def build_statement(db, account_id: int, year: int, month: int) -> Statement:  # expect: long-function
    """Collect the month's activity of one account into a statement."""
    start = date(year, month, 1)
    end = date(year + (month == 12), month % 12 + 1, 1)
    account = await db.fetchrow("SELECT * FROM accounts WHERE id = $1", account_id)
    if account is None:
        raise LookupError(f"no account {account_id}")
    statement = Statement(account_id=account_id, period=f"{year}-{month:02d}")

    # opening balance
    opening = await db.fetchval(
        "SELECT balance FROM balances WHERE account_id = $1 AND day < $2 ORDER BY day DESC LIMIT 1",
        account_id,
        start,
    )
    statement.opening = Decimal(opening or 0)
    balance = statement.opening

    # trades
    trades = await db.fetch(
        "SELECT * FROM trades WHERE account_id = $1 AND executed_at >= $2 AND executed_at < $3 ORDER BY executed_at",
        account_id,
        start,
        end,
    )
    for trade in trades:
        amount = Decimal(trade["quantity"]) * Decimal(trade["price"])
        if trade["side"] == "buy":
            balance -= amount
        else:
            balance += amount
        fee = Decimal(trade["fee"] or 0)
        statement.fees += fee
        balance -= fee
        statement.lines.append({
            "day": trade["executed_at"].date(),
            "text": f"{trade['side']} {trade['quantity']} {trade['symbol']} @ {trade['price']}",
            "amount": amount if trade["side"] == "sell" else -amount,
            "balance": balance,
        })

    # cash movements
    movements = await db.fetch(
        "SELECT * FROM cash_movements WHERE account_id = $1 AND booked_at >= $2 AND booked_at < $3",
        account_id,
        start,
        end,
    )
    for movement in movements:
        amount = Decimal(movement["amount"])
        balance += amount
        kind = movement["kind"]
        if kind == "interest":
            statement.interest += amount
        elif kind == "withdrawal" and amount > account["daily_limit"]:
            statement.warnings.append(f"withdrawal of {amount} above the daily limit")
        statement.lines.append({
            "day": movement["booked_at"].date(),
            "text": kind.replace("_", " "),
            "amount": amount,
            "balance": balance,
        })

    # dividends
    dividends = await db.fetch(
        "SELECT * FROM dividends WHERE account_id = $1 AND paid_on >= $2 AND paid_on < $3",
        account_id,
        start,
        end,
    )
    for dividend in dividends:
        amount = Decimal(dividend["amount"]) - Decimal(dividend["withholding"] or 0)
        balance += amount
        statement.lines.append({"day": dividend["paid_on"], "text": f"dividend {dividend['symbol']}",
                                "amount": amount, "balance": balance})

    # closing balance and checks
    statement.closing = balance
    booked = await db.fetchval(
        "SELECT balance FROM balances WHERE account_id = $1 AND day < $2 ORDER BY day DESC LIMIT 1",
        account_id,
        end,
    )
    if booked is not None and Decimal(booked) != balance:
        statement.warnings.append(f"closing balance {balance} differs from booked {booked}")
    statement.lines.sort(key=lambda line: line["day"])
    return statement


async def reconcile_positions(db, account_id: int) -> list[str]:
    """79 lines from `def` to the last line: one under the limit, so it stays silent."""
    problems: list[str] = []
    positions = await db.fetch("SELECT * FROM positions WHERE account_id = $1", account_id)
    trades = await db.fetch("SELECT * FROM trades WHERE account_id = $1", account_id)
    expected: dict[str, Decimal] = {}
    for trade in trades:
        quantity = Decimal(trade["quantity"])
        if trade["side"] == "sell":
            quantity = -quantity
        expected[trade["symbol"]] = expected.get(trade["symbol"], Decimal("0")) + quantity

    held: dict[str, Decimal] = {}
    for position in positions:
        held[position["symbol"]] = Decimal(position["quantity"])

    for symbol, quantity in sorted(expected.items()):
        actual = held.get(symbol)
        if actual is None:
            if quantity != 0:
                problems.append(f"{symbol}: trades add up to {quantity} but there is no position")
            continue
        if actual != quantity:
            problems.append(f"{symbol}: position {actual} but trades add up to {quantity}")

    for symbol, quantity in sorted(held.items()):
        if symbol not in expected and quantity != 0:
            problems.append(f"{symbol}: position {quantity} without any trade")

    corporate_actions = await db.fetch(
        "SELECT * FROM corporate_actions WHERE symbol = ANY($1::text[])",
        sorted(held),
    )
    for action in corporate_actions:
        symbol = action["symbol"]
        ratio = Decimal(action["ratio"])
        if action["kind"] == "split" and ratio <= 0:
            problems.append(f"{symbol}: split with ratio {ratio}")
        elif action["kind"] == "merger" and not action["target"]:
            problems.append(f"{symbol}: merger without a target")

    pending = await db.fetch(
        "SELECT * FROM orders WHERE account_id = $1 AND status IN ('new', 'partially_filled')",
        account_id,
    )
    for order in pending:
        symbol = order["symbol"]
        remaining = Decimal(order["quantity"]) - Decimal(order["filled"])
        if remaining < 0:
            problems.append(f"order {order['id']}: filled more than ordered")
        if order["side"] == "sell" and remaining > held.get(symbol, Decimal("0")):
            problems.append(f"order {order['id']}: sells more {symbol} than held")

    cash = await db.fetchval("SELECT balance FROM balances WHERE account_id = $1 ORDER BY day DESC LIMIT 1",
                             account_id)
    if cash is not None and Decimal(cash) < 0:
        problems.append(f"negative cash balance {cash}")

    limits = await db.fetchrow("SELECT * FROM account_limits WHERE account_id = $1", account_id)
    if limits is not None:
        gross = sum(abs(quantity) for quantity in held.values())
        if gross > Decimal(limits["max_gross_quantity"]):
            problems.append(f"gross quantity {gross} above the limit {limits['max_gross_quantity']}")
        if len(held) > limits["max_positions"]:
            problems.append(f"{len(held)} positions above the limit {limits['max_positions']}")

    flagged = await db.fetch(
        "SELECT symbol FROM restricted_symbols WHERE symbol = ANY($1::text[])",
        sorted(held),
    )
    for row in flagged:
        problems.append(f"{row['symbol']}: held but restricted")

    audit = await db.fetchval("SELECT count(*) FROM audit_log WHERE account_id = $1 AND day = current_date",
                              account_id)
    if not audit:
        problems.append("no audit entry today")
    problems.sort()
    return problems


def short_helper(values: list[int]) -> int:
    return sum(values)
