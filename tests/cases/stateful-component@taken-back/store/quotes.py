"""Two-step checkout: a quote is priced, then confirmed by id."""
import asyncio
import time
import uuid
from dataclasses import dataclass


@dataclass
class Quote:
    quote_id: str
    total: int
    expires_at: float


class QuoteService:
    def __init__(self) -> None:
        self._quotes: dict[str, Quote] = {}  # expect: stateful-component

    def create(self, total: int) -> Quote:
        quote = Quote(uuid.uuid4().hex, total, time.monotonic() + 600)
        self._quotes[quote.quote_id] = quote
        return quote

    def take(self, quote_id: str) -> Quote | None:
        quote = self._quotes.pop(quote_id, None)
        if quote is None or quote.expires_at < time.monotonic():
            return None
        return quote


class StreamHub:
    """Per-connection event queues of the server-sent events endpoint."""

    def __init__(self) -> None:
        self._streams: dict[int, set[asyncio.Queue]] = {}

    def open(self, user_id: int) -> asyncio.Queue:
        queue: asyncio.Queue = asyncio.Queue(maxsize=100)
        self._streams.setdefault(user_id, set()).add(queue)
        return queue

    def publish(self, user_id: int, event: dict) -> None:
        for queue in self._streams.get(user_id, ()):
            queue.put_nowait(event)
