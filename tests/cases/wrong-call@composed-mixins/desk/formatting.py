"""Formatting helpers."""
from __future__ import annotations


class Formatter:
    def as_table(self, rows: list[str]) -> str:
        # `self` is whichever object borrows this method (see ConsoleApp.render)
        return "\n".join(self.wrap(row) for row in rows)


class Report:
    def summarise(self, rows: list[str]) -> str:
        return self.headline(rows)  # expect: wrong-call

    def header(self, rows: list[str]) -> str:
        return f"{len(rows)} lines"

    def footer(self, rows: list[str]) -> str:
        return self.headline(rows[-1:])  # the same missing method: a related location of line 13


class PlainReport(Report):
    def lines(self, rows: list[str]) -> str:
        return Report.summarise(self, rows)
