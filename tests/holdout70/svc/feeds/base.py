from __future__ import annotations

import abc
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal


class FeedError(Exception):
    """Upstream feed failed or returned something unusable."""


class FeedFormatError(FeedError):
    pass


@dataclass(slots=True)
class PriceUpdate:
    provider: str
    event_ref: str
    selection_ref: str
    market: str
    price: Decimal
    suspended: bool = False
    ts: datetime | None = None


@dataclass(slots=True)
class FeedBatch:
    provider: str
    updates: list[PriceUpdate] = field(default_factory=list)
    scores: list[dict] = field(default_factory=list)
    cursor: str | None = None


class OddsProvider(abc.ABC):
    name: str

    @abc.abstractmethod
    async def fetch(self, cursor: str | None) -> FeedBatch: ...

    @abc.abstractmethod
    async def close(self) -> None: ...
