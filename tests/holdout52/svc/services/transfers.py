from __future__ import annotations

import logging
import uuid
from decimal import Decimal
from typing import Any

import httpx
from sqlalchemy.ext.asyncio import AsyncSession

from ..db.pg import pool
from ..repositories import accounts as accounts_repo
from ..repositories import ledger as ledger_repo
from ..utils.locks import account_lock
from ..utils.money import to_cents
from ..utils.resilience import CircuitBreaker, CircuitOpenError, RetryableStatus, with_backoff

log = logging.getLogger(__name__)

BANK_RAILS_URL = "https://ach.example-bank.com/v2/transfers"
MIN_TRANSFER = Decimal("1.00")
MAX_DAILY_WITHDRAWAL = Decimal("50000.00")

_bank = httpx.AsyncClient(timeout=httpx.Timeout(8.0, connect=2.0))
_bank_breaker = CircuitBreaker("bank-rails", failure_threshold=3, reset_after=60.0)


class TransferError(Exception):
    pass


async def _submit_to_bank(payload: dict[str, Any]) -> dict[str, Any]:
    async def attempt() -> dict[str, Any]:
        resp = await _bank.post(BANK_RAILS_URL, json=payload, headers={"Idempotency-Key": payload["reference"]})
        if resp.status_code >= 500:
            raise RetryableStatus(resp.status_code)
        resp.raise_for_status()
        return resp.json()

    return await _bank_breaker.call(lambda: with_backoff(attempt, attempts=3, base_delay=0.5))


async def withdraw(session: AsyncSession, customer_id: int, account_id: int, amount: Decimal) -> str:
    amount = to_cents(amount)
    if amount < MIN_TRANSFER or amount > MAX_DAILY_WITHDRAWAL:
        raise TransferError("amount outside allowed range")
    account = await accounts_repo.get_account(session, account_id)
    if account is None or account.customer_id != customer_id:
        raise TransferError("unknown account")
    reference = f"wd:{uuid.uuid4().hex}"

    async with account_lock(account_id):
        async with pool().acquire(timeout=5) as conn:
            async with conn.transaction():
                balance = await conn.fetchval(
                    "SELECT cash_balance FROM accounts WHERE id = $1 FOR UPDATE", account_id
                )
                if balance < amount:
                    raise TransferError("insufficient settled cash")
                await ledger_repo.post_entry(conn, account_id, -amount, "withdrawal", reference)
                await ledger_repo.adjust_cash_balance(conn, account_id, -amount)

    try:
        await _submit_to_bank(
            {"reference": reference, "account": account.account_number, "amount": str(amount), "direction": "out"}
        )
    except (CircuitOpenError, httpx.HTTPError) as exc:
        log.error("bank submission failed for %s; reversing", reference, exc_info=exc)
        async with pool().acquire(timeout=5) as conn:
            async with conn.transaction():
                await ledger_repo.post_entry(conn, account_id, amount, "withdrawal_reversal", f"{reference}:rev")
                await ledger_repo.adjust_cash_balance(conn, account_id, amount)
        raise TransferError("bank transfer could not be submitted") from exc
    log.info("withdrawal %s of %s submitted for account %s", reference, amount, account_id)
    return reference


async def journal(source_id: int, target_id: int, amount: Decimal, memo: str) -> str:
    """Move cash between two accounts of the same customer."""
    if source_id == target_id:
        raise TransferError("source and target are the same account")
    amount = to_cents(amount)
    reference = f"jnl:{uuid.uuid4().hex}"
    first, second = sorted((source_id, target_id))
    async with account_lock(first):
        async with account_lock(second):
            async with pool().acquire(timeout=5) as conn:
                async with conn.transaction():
                    rows = await conn.fetch(
                        "SELECT id, cash_balance FROM accounts WHERE id = ANY($1::bigint[]) ORDER BY id FOR UPDATE",
                        [first, second],
                    )
                    balances = {r["id"]: r["cash_balance"] for r in rows}
                    if balances.get(source_id, Decimal("0")) < amount:
                        raise TransferError("insufficient cash in source account")
                    await ledger_repo.post_entry(conn, source_id, -amount, "journal_out", f"{reference}:out")
                    await ledger_repo.post_entry(conn, target_id, amount, "journal_in", f"{reference}:in")
                    await ledger_repo.adjust_cash_balance(conn, source_id, -amount)
                    await ledger_repo.adjust_cash_balance(conn, target_id, amount)
    log.info("journal %s moved %s from %s to %s (%s)", reference, amount, source_id, target_id, memo)
    return reference


async def deposit_notification(payload: dict[str, Any]) -> None:
    reference = f"dep:{payload['bankReference']}"
    amount = to_cents(payload["amount"])
    account_id = int(payload["accountId"])
    async with pool().acquire(timeout=5) as conn:
        async with conn.transaction():
            exists = await conn.fetchval("SELECT 1 FROM ledger_entries WHERE reference = $1", reference)
            if exists:
                return
            await ledger_repo.post_entry(conn, account_id, amount, "deposit", reference)
            await ledger_repo.adjust_cash_balance(conn, account_id, amount)
