"""Text renderings of ledger postings."""
from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any


def postings_csv(postings: Sequence[dict[str, Any]]) -> str:
    out = "entry_id,amount,created_at\n"
    for posting in postings:
        out += f"{posting['entry_id']},{posting['amount']},{posting['created_at']}\n"
    return out


def summary_json(total: int, currency: str) -> str:
    return json.dumps({"total": total, "currency": currency})
