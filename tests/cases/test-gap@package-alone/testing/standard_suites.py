"""A suite applications subclass to check their own ledger adapters."""
from __future__ import annotations

from ..store import Entries


class EntriesStandardSuite:
    def make(self) -> Entries:
        raise NotImplementedError

    def test_add_then_get(self) -> None:
        store = self.make()
        row = store.add(5)
        assert store.get(row["id"]) == row
