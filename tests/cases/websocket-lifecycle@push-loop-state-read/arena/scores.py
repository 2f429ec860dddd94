"""In-process tallies of each match, fed by the scoring consumer."""
from __future__ import annotations

from collections import defaultdict


class Tally:
    def __init__(self) -> None:
        self._points: dict[int, dict[str, int]] = defaultdict(dict)
        self._spectators = 0

    def points_for(self, match_id: int) -> dict[str, int]:
        return dict(self._points[match_id])

    def spectators(self) -> int:
        return self._spectators


tally = Tally()
