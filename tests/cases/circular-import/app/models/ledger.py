from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from app.models.limits import Limits

OPEN: dict[int, list] = {}


def open_if_missing(account_id: int) -> None:
    from app.models import accounts  # imported when called, not while loading: no cycle

    if account_id in accounts.SEEN:
        OPEN.setdefault(account_id, [])


def check(account_id: int, limits: "Limits") -> bool:
    return len(OPEN.get(account_id, [])) < limits.max_entries
