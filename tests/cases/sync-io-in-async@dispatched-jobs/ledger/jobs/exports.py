"""Exports handed to the request that asks for them, picked by name."""
import asyncio
import json
from pathlib import Path
from typing import Protocol


class Sink(Protocol):
    async def write(self, rows: list[dict]) -> None: ...


class DiskSink:
    def __init__(self, path: Path) -> None:
        self._path = path

    async def write(self, rows: list[dict]) -> None:
        self._path.write_text(json.dumps(rows))  # expect: sync-io-in-async


class ThreadedDiskSink:
    def __init__(self, path: Path) -> None:
        self._path = path

    async def write(self, rows: list[dict]) -> None:
        await asyncio.to_thread(self._path.write_text, json.dumps(rows))


async def export_rows(sink: Sink, rows: list[dict]) -> None:
    if rows:
        await sink.write(rows)
