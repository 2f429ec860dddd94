"""The `history` command."""
from __future__ import annotations


class HistoryCommand:
    def history(self, days: int) -> None:
        for line in self.recent_trades(days):
            self.notify(line)
