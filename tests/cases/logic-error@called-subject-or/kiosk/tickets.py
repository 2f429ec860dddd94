"""Kiosk ticket checks: a comparison whose subject is a call, or-ed with a bare constant."""
from __future__ import annotations

from typing import Any


def is_active(ticket: dict[str, Any]) -> bool:
    return ticket.get("state") == "valid" or "grace"  # expect: logic-error


def needs_review(row: Any) -> bool:
    if row.kind().lower() != "adult" or "senior":  # expect: logic-error
        return True
    return False


def is_usable(ticket: dict[str, Any]) -> bool:
    # membership test: correct
    return ticket.get("state") in ("valid", "grace")


def label(ticket: dict[str, Any]) -> str:
    # `or` with a default value, not a comparison: correct
    return ticket.get("label") or "ticket"


def is_open(ticket: dict[str, Any]) -> bool:
    # both alternatives compare the subject: correct
    return ticket.get("state") == "valid" or ticket.get("state") == "grace"
