"""Copies that are needed and copies that are not."""
from __future__ import annotations

import asyncio
import copy


class Book:
    def __init__(self) -> None:
        self._quotes: dict[str, float] = {}

    def total(self) -> float:
        total = 0.0
        for symbol in list(self._quotes.keys()):  # expect: unnecessary-copy
            total += self._quotes[symbol]
        return total

    def prune(self) -> None:
        for symbol in list(self._quotes):
            if self._quotes[symbol] <= 0:
                del self._quotes[symbol]

    def drop_zero(self) -> None:
        for symbol, price in list(self._quotes.items()):
            if not price:
                self._quotes.pop(symbol)

    async def publish(self, send) -> None:
        for symbol in list(self._quotes):
            await send(symbol)
            await asyncio.sleep(0)


def names(users: list[dict]) -> list[str]:
    return list(sorted(user["name"] for user in users))  # expect: unnecessary-copy


def names_fast(users: list[dict]) -> list[str]:
    return sorted(user["name"] for user in users)


def ids(users: list[dict]) -> list[int]:
    return list([user["id"] for user in users])  # expect: unnecessary-copy


def frozen(users: list[dict]) -> tuple:
    return tuple(sorted(users, key=lambda u: u["id"]))


def emails(template: dict, users: list[dict]) -> list[dict]:
    out = []
    for user in users:
        payload = copy.deepcopy(template)  # expect: unnecessary-copy
        payload["to"] = user["email"]
        out.append(payload)
    return out


def one_email(template: dict, user: dict) -> dict:
    payload = copy.deepcopy(template)
    payload["to"] = user["email"]
    return payload


class Window:
    def __init__(self, start: int, stop: int) -> None:
        self.start = start
        self.stop = stop


def walk_forward(first: int, last: int, step: int) -> list[Window]:
    windows = []
    window = Window(first, first + step)
    while window.stop <= last:
        windows.append(copy.deepcopy(window))
        window.start += step
        window.stop += step
    return windows


def rolling_books(levels: list[dict]) -> list[dict]:
    book: dict = {}
    snapshots = []
    for level in levels:
        book[level["price"]] = level["size"]
        snapshots.append(copy.deepcopy(book))
    return snapshots
