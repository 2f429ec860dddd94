"""Two-step flows: a request starts one, a later request confirms it."""
from __future__ import annotations

import asyncio
import secrets
from dataclasses import dataclass


@dataclass
class PendingChange:
    account_id: int
    plan: str


class PlanWizard:
    def __init__(self) -> None:
        self._pending: dict[str, PendingChange] = {}  # expect: stateful-component

    def start(self, account_id: int, plan: str) -> str:
        token = secrets.token_urlsafe(16)
        self._pending[token] = PendingChange(account_id, plan)
        return token

    def confirm(self, token: str, account_id: int) -> PendingChange | None:
        change = self._pending.pop(token, None)
        return change if change and change.account_id == account_id else None


class PriceFeed:
    """Started once at startup: `start` fills the table the routes read."""

    def __init__(self) -> None:
        self._prices: dict[str, float] = {}
        self._task: asyncio.Task[None] | None = None

    def start(self, symbols: list[str]) -> None:
        for symbol in symbols:
            self._prices[symbol] = 0.0

    def price(self, symbol: str) -> float | None:
        return self._prices.get(symbol)
