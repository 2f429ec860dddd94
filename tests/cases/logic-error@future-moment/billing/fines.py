"""Fines and tokens: moments ahead of now, and the time left until them."""
from __future__ import annotations

import time
from datetime import datetime, timedelta, timezone

from .models import Fine, Token
from .settings import Settings


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


class FineService:
    def __init__(self, settings: Settings) -> None:
        self._settings = settings
        self._ttl = settings.token_ttl_s

    def issue(self, rider_id: str, amount_cents: int) -> Fine:
        issued_at = utcnow()
        return Fine(
            rider_id=rider_id,
            amount_cents=amount_cents,
            issued_at=issued_at,
            due_at=issued_at - timedelta(days=self._settings.fine_payment_days),  # expect: logic-error
        )

    def issue_ok(self, rider_id: str, amount_cents: int) -> Fine:
        issued_at = utcnow()
        return Fine(rider_id=rider_id, amount_cents=amount_cents, issued_at=issued_at,
                    due_at=issued_at + timedelta(days=self._settings.fine_payment_days))

    def token(self, value: str) -> Token:
        token = Token(value=value, expires_at=0.0)
        token.expires_at = time.time() - self._ttl  # expect: logic-error
        return token

    def revoke(self, token: Token) -> None:
        token.expires_at = time.time() - 1  # expire it now, on purpose

    def expire_now(self, fine: Fine) -> None:
        fine.due_at = utcnow() - timedelta(minutes=1)  # a literal span: made overdue on purpose

    def purge_filter(self) -> dict:
        now = utcnow()
        cutoff = now - timedelta(days=self._settings.retention_days)
        return {"expires_before": now - timedelta(days=self._settings.retention_days), "cutoff": cutoff}

    def past_due(self, fine: Fine) -> dict:
        now = utcnow()
        return {"past_due_at": now - timedelta(days=self._settings.fine_payment_days), "id": fine.rider_id}

    def lookback(self) -> datetime:
        now = utcnow()
        look_back_until = now - timedelta(minutes=self._settings.lookback_minutes)
        expiry = now - timedelta(seconds=self._ttl)  # a local cutoff, not a stored moment
        return max(look_back_until, expiry)


def days_until_expiry(not_after: datetime, now: datetime) -> int:
    return (now - not_after).days  # expect: logic-error


def days_until_expiry_ok(not_after: datetime, now: datetime) -> int:
    return (not_after - now).days


def reminder_text(fine: Fine) -> str:
    now = utcnow()
    seconds_left = int((now - fine.due_at).total_seconds())  # expect: logic-error
    days_overdue = (now - fine.due_at).days
    age_days = (now - fine.issued_at).days
    return f"{seconds_left} {days_overdue} {age_days}"


def time_left(fine: Fine) -> float:
    now = utcnow()
    remaining = (fine.due_at - now).total_seconds()
    return max(remaining, 0.0)


def ttl_of(fine: Fine) -> timedelta:
    return utcnow() - timedelta(days=1)
