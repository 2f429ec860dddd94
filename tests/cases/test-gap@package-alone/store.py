from __future__ import annotations


class Entries:
    def __init__(self) -> None:
        self.rows: dict[int, dict] = {}

    def get(self, entry_id: int) -> dict:
        return self.rows.get(entry_id, {})

    def add(self, amount: int) -> dict:
        row = {"id": len(self.rows) + 1, "amount": amount}
        self.rows[row["id"]] = row
        return row
