"""Ledger reports serialised for the back office."""
from __future__ import annotations

import copy
import json
from copy import deepcopy


class LedgerReports:
    def __init__(self, rows_by_month: dict[str, list[dict]]) -> None:
        self._rows_by_month = rows_by_month

    def monthly(self, month: str, records: list) -> str:
        rows = [dict(r) for r in records]
        snapshot = copy.deepcopy(rows)  # expect: unnecessary-copy
        return json.dumps(snapshot, default=str)

    def totals(self, records: list) -> list[dict]:
        rows = [{"account": r.account, "amount": r.amount} for r in records]
        return deepcopy(rows)  # expect: unnecessary-copy

    def diff(self, records: list) -> tuple[list[dict], list[dict]]:
        rows = [dict(r) for r in records]
        before = copy.deepcopy(rows)
        for row in rows:
            row["amount"] = round(row["amount"], 2)
        return before, rows

    def cached_month(self, month: str) -> list[dict]:
        rows = self._rows_by_month[month]
        return copy.deepcopy(rows)

    def shared(self, records: list) -> list[dict]:
        rows = [r for r in records]
        return copy.deepcopy(rows)

    def stored(self, month: str, records: list) -> list[dict]:
        rows = [dict(r) for r in records]
        self._rows_by_month[month] = rows
        return copy.deepcopy(rows)

    def export(self, records: list) -> str:
        snapshot = copy.deepcopy([dict(r) for r in records])  # expect: unnecessary-copy
        return "\n".join(f"{r['account']},{r['amount']}" for r in snapshot)

    def export_shared(self, records: list) -> str:
        snapshot = copy.deepcopy([r for r in records])  # expect: unnecessary-copy (only read: RA229)
        return "\n".join(f"{r['account']},{r['amount']}" for r in snapshot)
