"""Queue of lots per tool, recomputed from the waiting lots."""
from __future__ import annotations

import copy

from dispatch.rules import Candidate, exclude_reserved, rank


class DispatchService:
    def __init__(self, lots, queues) -> None:
        self._lots = lots
        self._queues = queues
        self._pinned: list[Candidate] = []

    async def _candidates(self, tool_type: str) -> list[Candidate]:
        out = []
        for lot in await self._lots.waiting_for(tool_type):
            out.append(Candidate(lot.id, lot.priority, lot.due_at))
        return out

    async def _pinned_candidates(self) -> list[Candidate]:
        out = self._pinned
        return out

    async def recompute(self, tool_id: int, tool_type: str, reserved: set[int]) -> list[int]:
        candidates = await self._candidates(tool_type)
        snapshot = copy.deepcopy(candidates)  # expect: unnecessary-copy
        ordered = rank(exclude_reserved(snapshot, reserved))
        await self._queues.replace(tool_id, [c.lot_id for c in ordered])
        return [c.lot_id for c in ordered]

    async def recompute_pinned(self, tool_id: int, reserved: set[int]) -> list[int]:
        # correct: the pinned candidates are the service's own, kept between calls
        candidates = await self._pinned_candidates()
        snapshot = copy.deepcopy(candidates)
        for c in snapshot:
            c.priority -= 1
        ordered = rank(exclude_reserved(snapshot, reserved))
        return [c.lot_id for c in ordered]

    async def compare(self, tool_type: str, reserved: set[int]) -> tuple[list[Candidate], list[Candidate]]:
        # correct: the original list is returned too, beside the changed copy
        candidates = await self._candidates(tool_type)
        bumped = copy.deepcopy(candidates)
        for c in bumped:
            c.priority += 1
        return candidates, bumped
