"""This process's serving phase, and the locale of the last request (the defect)."""
from __future__ import annotations

_phase = "starting"  # expect: global-mutable-state
_locale = "en"


def set_phase(phase: str, why: str = "") -> str:
    global _phase
    if phase != _phase:
        _phase = phase
    return why


def set_locale(locale: str) -> None:
    global _locale
    _locale = locale  # expect: global-mutable-state


def current_phase() -> str:
    return _phase
