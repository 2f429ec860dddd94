"""Registries of connected handhelds and of in-memory job queues."""
import asyncio
from dataclasses import dataclass, field

from fastapi import WebSocket


@dataclass(eq=False)
class HandheldConnection:
    websocket: WebSocket
    user_id: str
    outbox: asyncio.Queue = field(default_factory=lambda: asyncio.Queue(maxsize=100))

    def offer(self, message: dict) -> None:
        if self.outbox.full():
            self.outbox.get_nowait()
        self.outbox.put_nowait(message)


class HandheldHub:
    def __init__(self) -> None:
        self._devices: dict[str, HandheldConnection] = {}  # expect: horizontal-scaling-blocker

    def register(self, conn: HandheldConnection) -> None:
        previous = self._devices.get(conn.user_id)
        if previous is not None:
            previous.offer({"type": "superseded"})
        self._devices[conn.user_id] = conn

    def unregister(self, conn: HandheldConnection) -> None:
        if self._devices.get(conn.user_id) is conn:
            del self._devices[conn.user_id]

    def dispatch_to(self, user_id: str, message: dict) -> bool:
        conn = self._devices.get(user_id)
        if conn is None:
            return False
        conn.offer(message)
        return True

    async def writer(self, conn: HandheldConnection) -> None:
        while True:
            await conn.websocket.send_json(await conn.outbox.get())


class Mailbox:
    """Work kept for one tenant's in-process consumer: no client socket behind it."""

    def __init__(self, tenant: str) -> None:
        self.tenant = tenant
        self.pending: asyncio.Queue = asyncio.Queue(maxsize=100)

    def offer(self, message: dict) -> None:
        self.pending.put_nowait(message)


class MailboxHub:
    def __init__(self) -> None:
        self._boxes: dict[str, Mailbox] = {}

    def open(self, tenant: str) -> Mailbox:
        box = self._boxes[tenant] = Mailbox(tenant)
        return box

    def dispatch_to(self, tenant: str, message: dict) -> bool:
        box = self._boxes.get(tenant)
        if box is None:
            return False
        box.offer(message)
        return True
