"""Writes each audit record to every configured sink, and to every subscriber."""
from __future__ import annotations

import asyncio

from audit.settings import audit_settings
from audit.sinks import Sink, configured_sinks


class AuditWriter:
    def __init__(self) -> None:
        self._sinks = configured_sinks()
        self._mirrors = [Sink(name) for name in audit_settings.mirrors]
        self._subscribers: list[Sink] = []

    def subscribe(self, sink: Sink) -> None:
        self._subscribers.append(sink)

    async def record(self, record: dict) -> None:
        await asyncio.gather(*[sink.write(record) for sink in self._sinks])
        await asyncio.gather(*[mirror.write(record) for mirror in self._mirrors])

    async def notify(self, record: dict) -> None:
        await asyncio.gather(*[s.write(record) for s in self._subscribers])  # expect: backpressure
