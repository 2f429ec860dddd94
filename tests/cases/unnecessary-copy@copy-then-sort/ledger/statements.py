"""Statement lines: copies made before sorting, needed and not."""
from __future__ import annotations

import copy
from typing import Any

from ledger.repository import LedgerRepository


class StatementService:
    def __init__(self, repo: LedgerRepository) -> None:
        self._repo = repo

    async def lines(self, seller_id: int) -> list[dict[str, Any]]:
        records = await self._repo.entries(seller_id)
        lines = [dict(record) for record in records]
        return sorted(copy.deepcopy(lines), key=lambda line: line["created_at"])  # expect: unnecessary-copy

    async def types(self, seller_id: int) -> list[str]:
        records = await self._repo.entries(seller_id)
        kinds = [record["entry_type"] for record in records]
        return sorted(kinds.copy())  # expect: unnecessary-copy


def normalised(lines: list[dict[str, Any]]) -> list[dict[str, Any]]:
    ordered = sorted(copy.deepcopy(lines), key=lambda line: line["created_at"])
    for line in ordered:
        line["amount"] = line.pop("amount_minor") / 100
    return ordered


def relabelled(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    picked = [row for row in rows if row["amount_minor"]]
    ordered = sorted(copy.deepcopy(picked), key=lambda row: row["created_at"])
    for row in ordered:
        row["entry_type"] = row["entry_type"].upper()
    return ordered
