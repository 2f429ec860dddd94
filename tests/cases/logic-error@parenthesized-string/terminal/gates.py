"""Gate checks: which moves need a customs look-up."""
from __future__ import annotations

CUSTOMS_DIRECTIONS = ("GATE_IN", "RAIL_IN")


def needs_customs_check(direction: str, number: str | None) -> bool:
    return bool(number) and direction in ("GATE_IN")  # expect: logic-error


def skips_weighing(kind: str) -> bool:
    return kind not in ("REEFER")  # expect: logic-error


def inbound(direction: str) -> bool:
    return direction in ("GATE_IN",)


def any_inbound(direction: str) -> bool:
    return direction in CUSTOMS_DIRECTIONS


def has_separator(code: str) -> bool:
    return "-" in (code)


def mentions_reefer(note: str) -> bool:
    return "REEFER" in note or note in "REEFER-HIGH-CUBE"


def is_vowel(letter: str) -> bool:
    return letter in ("a e i o u")
