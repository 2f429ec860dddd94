"""Matching typed company names against the customer list."""
from __future__ import annotations

from difflib import SequenceMatcher


async def best_customer(db, name: str) -> str | None:
    customers = await db.fetch_names()
    best, score = None, 0.0
    for customer in customers:
        ratio = SequenceMatcher(None, name.lower(), customer.lower()).ratio()  # expect: blocking-cpu-in-async
        if ratio > score:
            best, score = customer, ratio
    return best if score > 0.85 else None


def name_score(name: str, parts: list[str]) -> float:
    # the few parts of one person's name: cheap
    return max((SequenceMatcher(None, name, part).ratio() for part in parts), default=0.0)


def same_spelling(a: str, b: str) -> bool:
    # one pair: cheap
    return SequenceMatcher(None, a, b).ratio() > 0.95
