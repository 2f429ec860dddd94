"""The console application: every command class is a base, listed once in the commands package."""
from __future__ import annotations

from .commands import COMMANDS
from .formatting import Formatter, Report


class ConsoleApp(*COMMANDS):
    def __init__(self) -> None:
        self.lines: list[str] = []

    def notify(self, text: str) -> None:
        self.lines.append(text)

    def wallet_total(self, asset: str) -> float:
        return 0.0

    def recent_trades(self, days: int) -> list[str]:
        return []

    def render(self) -> str:
        # borrows the formatter's method with this application as `self`
        return Formatter.as_table(self, self.lines)

    def summary(self) -> str:
        return Report().summarise(self.lines)
