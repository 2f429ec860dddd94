"""Quarterly claim export: counts what was skipped against what the store returned."""
from __future__ import annotations

import copy


class ClaimStore:
    async def records(self, quarter: int) -> list[dict]:
        return [{"id": quarter, "amount": 10, "tags": ["a"]}]

    async def claimed(self, quarter: int) -> set[int]:
        return {quarter}


class ClaimExport:
    def __init__(self, store: ClaimStore) -> None:
        self._store = store
        self._pending: list[dict] = []

    async def export(self, quarter: int) -> dict[str, int]:
        records = await self._store.records(quarter)
        before = copy.deepcopy(records)  # expect: unnecessary-copy
        claimed = await self._store.claimed(quarter)
        eligible = [r for r in records if r["id"] not in claimed]
        return {"exported": len(eligible), "skipped": len(before) - len(eligible)}

    def pending_count(self) -> int:
        snapshot = copy.deepcopy(self._pending)  # expect: unnecessary-copy
        return len(snapshot)

    async def audited(self, quarter: int) -> dict[str, int]:
        records = await self._store.records(quarter)
        audit = copy.deepcopy(records)
        for record in records:
            record["tags"].append("exported")
        return {"count": len(audit), "first_tags": len(audit[0]["tags"]) if audit else 0}

    async def changed_copy(self, quarter: int) -> int:
        records = await self._store.records(quarter)
        mine = copy.deepcopy(records)
        mine.append({"id": 0, "amount": 0, "tags": []})
        await self._store.claimed(quarter)
        return len(mine) + len(records)
