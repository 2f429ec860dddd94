"""Per-viewer queues for live feeds."""
import asyncio
from asyncio import Queue
from dataclasses import dataclass, field

from fastapi import WebSocket


@dataclass
class Viewer:
    socket: WebSocket
    room: str
    outbox: Queue = field(default_factory=Queue)  # expect: backpressure


@dataclass
class Auditor:
    socket: WebSocket
    backlog: asyncio.Queue = field(default_factory=lambda: asyncio.Queue(maxsize=200))


@dataclass
class Idle:
    socket: WebSocket
    pending: asyncio.Queue = field(default_factory=asyncio.Queue)


class Rooms:
    def __init__(self) -> None:
        self.viewers: list[Viewer] = []
        self.auditors: list[Auditor] = []
        self._inboxes: dict[str, asyncio.Queue] = {}
        self._bounded: dict[str, asyncio.Queue] = {}

    def publish(self, room: str, event: dict) -> None:
        for viewer in self.viewers:
            if viewer.room == room:
                viewer.outbox.put_nowait(event)
        for auditor in self.auditors:
            try:
                auditor.backlog.put_nowait(event)
            except asyncio.QueueFull:
                pass

    def open_inbox(self, user: str) -> asyncio.Queue:
        inbox: asyncio.Queue = asyncio.Queue()  # expect: backpressure
        self._inboxes[user] = inbox
        return inbox

    def open_bounded(self, user: str) -> asyncio.Queue:
        inbox: asyncio.Queue = asyncio.Queue(maxsize=50)
        self._bounded[user] = inbox
        return inbox

    def direct(self, user: str, message: dict) -> None:
        if user in self._inboxes:
            self._inboxes[user].put_nowait(message)
        if user in self._bounded:
            self._bounded[user].put_nowait(message)
