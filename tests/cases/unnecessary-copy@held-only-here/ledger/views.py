"""Builds plain views of ledger rows."""
from typing import Any


def entry_view(entry: Any) -> dict[str, Any]:
    return {"id": entry.id, "amount": entry.amount, "at": entry.booked_at.isoformat()}
