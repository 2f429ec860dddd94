"""Mutable defaults: mutated, stored, returned (bugs), read only (an idiom), rebound (fine)."""
from __future__ import annotations

from typing import Any


def add_tag(symbol: str, tags: list[str] = []) -> list[str]:  # expect: python-idiom
    tags.append(symbol)
    return tags


class Basket:
    def __init__(self, items: dict[str, int] = {}) -> None:
        self.items = items


def remember(key: str, seen={}):
    seen[key] = True


def label(symbol: str, aliases: dict[str, str] = {}) -> str:  # expect: python-idiom
    return aliases.get(symbol, symbol)


def normalise(values: list[int] = []) -> list[int]:
    values = list(values)
    values.append(0)
    return values


def fine(values: tuple[int, ...] = (), options: Any = None) -> int:
    return len(values) + (0 if options is None else 1)


def symbol_info(symbol: str, cache: dict[str, str] = {}) -> str:
    if symbol not in cache:
        cache[symbol] = symbol.upper()
    return cache[symbol]
