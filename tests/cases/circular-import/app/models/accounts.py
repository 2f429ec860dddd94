"""Look-alikes: cycles broken by a function-level import and by TYPE_CHECKING."""
from __future__ import annotations

from app.models import ledger

SEEN: set[int] = set()


def touch(account_id: int) -> None:
    SEEN.add(account_id)
    ledger.open_if_missing(account_id)
