"""Label printing: labels are grouped per bench so the printer warms up once per batch."""
import asyncio
import functools
from collections import defaultdict

BATCH_SIZE = 10


class Printer:
    def send_batch(self, labels: list[str]) -> None:
        return None


class LabelQueue:
    """Created once in the lifespan; routes resolve it from `app.state`."""

    def __init__(self, printers: dict[str, Printer]) -> None:
        self._printers = printers
        self._pending: dict[str, list[str]] = defaultdict(list)  # expect: stateful-component

    async def enqueue(self, bench: str, zpl: str) -> int:
        pending = self._pending[bench]
        pending.append(zpl)
        if len(pending) >= BATCH_SIZE:
            self._pending[bench] = []
            loop = asyncio.get_running_loop()
            await loop.run_in_executor(None, functools.partial(self._printers[bench].send_batch, pending))
            return 0
        return len(pending)


class AuditTrail:
    """Created once in the lifespan; an HTTP route records events, flushed in groups."""

    def __init__(self, sink) -> None:
        self._sink = sink
        self._buffer: list[dict] = []  # expect: stateful-component

    async def record(self, event: dict) -> None:
        self._buffer.append(event)
        if len(self._buffer) >= 50:
            batch = self._buffer
            self._buffer = []
            await self._sink.write_many(batch)


class Renderer:
    """Created once; collects the parts of one document and renders them in the same call."""

    def __init__(self) -> None:
        self._scratch: dict[str, list[str]] = {}

    async def render(self, key: str, parts: list[str]) -> str:
        collected = self._scratch.setdefault(key, [])
        collected.extend(parts)
        text = "".join(collected)
        self._scratch.pop(key)
        return text


class TelemetryBatcher:
    """Created once; only its own background loop fills and drains the buffer."""

    def __init__(self, sink) -> None:
        self._sink = sink
        self._rows: list[dict] = []

    async def run(self) -> None:
        while True:
            await self._collect({"beat": 1})
            await asyncio.sleep(1)

    async def _collect(self, row: dict) -> None:
        self._rows.append(row)
        if len(self._rows) >= 100:
            rows = self._rows
            self._rows = []
            await self._sink.write_many(rows)


class History:
    """Created once; keeps the recent scans of a bench and hands them back (no flush: a
    history, not a batch; nothing reads it from another method)."""

    def __init__(self) -> None:
        self._recent: dict[str, list[str]] = defaultdict(list)

    def scans(self, bench: str, code: str) -> int:
        recent = self._recent[bench]
        recent.append(code)
        return len(recent)


class PerRequestBatch:
    """Built per request (not a long-lived object), so its batch ends with the request."""

    def __init__(self, sink) -> None:
        self._sink = sink
        self._items: list[str] = []

    async def add(self, item: str) -> None:
        self._items.append(item)
        if len(self._items) >= 5:
            items = self._items
            self._items = []
            await self._sink.write_many(items)
