from __future__ import annotations

import asyncio
from collections import defaultdict


class LockRegistry:
    """Process-local keyed asyncio locks, shared by the services that mutate brackets and rosters."""

    def __init__(self) -> None:
        self._bracket: defaultdict[int, asyncio.Lock] = defaultdict(asyncio.Lock)
        self._roster: defaultdict[int, asyncio.Lock] = defaultdict(asyncio.Lock)
        self._match: defaultdict[int, asyncio.Lock] = defaultdict(asyncio.Lock)

    def bracket(self, bracket_id: int) -> asyncio.Lock:
        return self._bracket[bracket_id]

    def roster(self, team_id: int) -> asyncio.Lock:
        return self._roster[team_id]

    def match(self, match_id: int) -> asyncio.Lock:
        return self._match[match_id]

    def forget_bracket(self, bracket_id: int) -> None:
        self._bracket.pop(bracket_id, None)
