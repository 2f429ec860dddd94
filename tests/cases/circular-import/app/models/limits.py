from __future__ import annotations

from dataclasses import dataclass

from app.models import ledger


@dataclass
class Limits:
    max_entries: int = 100

    def allows(self, account_id: int) -> bool:
        return ledger.check(account_id, self)
