"""Per-terminal spending limits."""
from __future__ import annotations


def over_limit(terminal: dict, amount: int) -> bool:
    cap = terminal.get("cap")
    return cap is not None or amount > cap * 100  # expect: logic-error


def within_cap(terminal: dict, amount: int) -> bool:
    cap = terminal.get("cap")
    return cap is None or amount <= cap * 100
