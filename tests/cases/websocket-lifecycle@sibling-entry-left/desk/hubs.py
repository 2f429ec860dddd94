"""Per-desk fan-out of ticket events to connected agents."""
import asyncio
from dataclasses import dataclass, field
from uuid import uuid4


@dataclass
class Watcher:
    desk: str
    token: str = field(default_factory=lambda: uuid4().hex)
    inbox: asyncio.Queue = field(default_factory=lambda: asyncio.Queue(maxsize=100))


class TicketHub:
    def __init__(self) -> None:
        self._watchers: dict[str, Watcher] = {}
        self._priorities: dict[str, int] = {}

    def watch(self, desk: str, priority: int) -> Watcher:
        watcher = Watcher(desk)
        self._watchers[watcher.token] = watcher
        self._priorities[watcher.token] = priority  # expect: websocket-lifecycle
        return watcher

    def unwatch(self, watcher: Watcher) -> None:
        self._watchers.pop(watcher.token, None)


class QueueHub:
    def __init__(self) -> None:
        self._members: dict[str, Watcher] = {}
        self._since: dict[str, float] = {}
        self._totals: dict[str, int] = {}

    def watch(self, desk: str, joined: float) -> Watcher:
        watcher = Watcher(desk)
        self._members[watcher.token] = watcher
        self._since[watcher.token] = joined
        self._totals[desk] = self._totals.get(desk, 0) + 1
        return watcher

    def unwatch(self, watcher: Watcher) -> None:
        self._members.pop(watcher.token, None)
        del self._since[watcher.token]


tickets = TicketHub()
queues = QueueHub()
