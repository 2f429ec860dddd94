from __future__ import annotations


def format_cents(cents: int) -> str:
    return f"${cents // 100}.{cents % 100:02d}"


def clamp_payment(balance_cents: int, offered_cents: int) -> int:
    return max(0, min(balance_cents, offered_cents))
