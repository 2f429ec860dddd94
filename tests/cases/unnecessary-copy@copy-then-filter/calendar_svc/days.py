"""The booking calendar: one entry per day, each with its slots."""
from __future__ import annotations

import copy
from dataclasses import dataclass, field
from datetime import date


@dataclass
class Day:
    day: date
    open: bool
    slots: list[dict] = field(default_factory=list)


class Calendar:
    def __init__(self) -> None:
        self._days: list[Day] = []
        self._by_room: dict[str, Day] = {}

    def upcoming(self, since: date) -> list[Day]:
        snapshot = copy.deepcopy(self._days)  # expect: unnecessary-copy
        return [d for d in snapshot if d.day >= since]

    def rooms_open(self, wanted: set[str]) -> dict[str, Day]:
        rooms = copy.deepcopy(self._by_room)  # expect: unnecessary-copy
        return {room: day for room, day in rooms.items() if room in wanted and day.open}

    def open_days(self) -> list[Day]:
        snapshot = copy.deepcopy(self._days)  # expect: unnecessary-copy
        kept = []
        for d in snapshot:
            if not d.open:
                continue
            kept.append(d)
        return kept

    def everything(self) -> list[Day]:
        snapshot = copy.deepcopy(self._days)
        return [d for d in snapshot]

    def reset_slots(self, since: date) -> list[Day]:
        snapshot = copy.deepcopy(self._days)
        for d in snapshot:
            d.slots.clear()
        return [d for d in snapshot if d.day >= since]

    def sorted_upcoming(self, since: date) -> list[Day]:
        snapshot = copy.deepcopy(self._days)
        snapshot.sort(key=lambda d: d.day)
        return [d for d in snapshot if d.day >= since]

    def upcoming_copied_per_item(self, since: date) -> list[Day]:
        return [copy.deepcopy(d) for d in self._days if d.day >= since]

    def archive(self, flag: bool) -> list[Day]:
        snapshot = copy.deepcopy(self._days)
        return [d for d in snapshot if flag]
