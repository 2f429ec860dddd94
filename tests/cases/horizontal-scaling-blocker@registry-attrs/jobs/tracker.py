"""Which job runners are connected, and which job kinds each one serves."""
from __future__ import annotations

import time
from collections import defaultdict


class RunnerTracker:
    def __init__(self) -> None:
        self.runners: dict[str, set[str]] = defaultdict(set)  # expect: horizontal-scaling-blocker
        self.kinds: dict[str, set[str]] = defaultdict(set)
        self.last_seen: dict[str, float] = {}

    def observe(self, runner_id: str, kinds: list[str]) -> None:
        self.runners[runner_id].update(kinds)
        for kind in kinds:
            self.kinds[kind].add(runner_id)
        self.last_seen[runner_id] = time.monotonic()

    def forget(self, runner_id: str) -> None:
        for kind in self.runners.pop(runner_id, set()):
            self.kinds[kind].discard(runner_id)
        self.last_seen.pop(runner_id, None)

    def runners_for(self, kind: str) -> list[dict]:
        return [{"id": r, "kinds": sorted(self.runners[r]), "seen": self.last_seen.get(r)}
                for r in sorted(self.kinds.get(kind, ()))]


tracker = RunnerTracker()
