"""Frame batches: a signature per frame, then each frame stored under its name."""
from __future__ import annotations

import copy
from typing import Any

from frames.media import signature, trim


class Ingest:
    def __init__(self, store: Any) -> None:
        self._store = store

    async def ingest(self, frames: dict[str, bytes]) -> list[int]:
        ordered = copy.deepcopy(frames)  # expect: unnecessary-copy
        signatures = [signature(ordered[name]) for name in sorted(ordered)]
        for name, raw in frames.items():
            await self._store.put(name, raw)
        return signatures

    async def ingest_trimmed(self, frames: dict[str, bytearray]) -> list[bytearray]:
        working = copy.deepcopy(frames)  # trim changes each frame it is given
        trimmed = [trim(working[name]) for name in sorted(working)]
        for name, raw in frames.items():
            await self._store.put(name, raw)
        return trimmed

    async def ingest_across_await(self, frames: dict[str, bytes]) -> list[int]:
        ordered = copy.deepcopy(frames)  # read again after an await: the snapshot protects it
        first = [signature(ordered[name]) for name in sorted(ordered)]
        await self._store.flush()
        return first + [signature(ordered[name]) for name in sorted(ordered)]
