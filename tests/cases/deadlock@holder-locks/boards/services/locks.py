"""Locks per board, created on first use."""
import asyncio
from dataclasses import dataclass, field


@dataclass
class BoardLocks:
    cards: asyncio.Lock = field(default_factory=asyncio.Lock)
    columns: asyncio.Lock = field(default_factory=asyncio.Lock)


@dataclass
class BoardFiles:
    """Not locks: an upload area and a log, both context managers."""

    staging: "Staging" = field(default_factory=lambda: Staging())
    audit: "Staging" = field(default_factory=lambda: Staging())


class Staging:
    async def __aenter__(self) -> "Staging":
        return self

    async def __aexit__(self, *exc: object) -> None:
        return None
