"""Last known position per vehicle, kept in memory by the tracker."""
from __future__ import annotations

import copy
from dataclasses import dataclass


@dataclass
class Position:
    vehicle_id: int
    lat: float
    lng: float


class PositionBook:
    def __init__(self) -> None:
        self._latest: dict[int, Position] = {}
        self._history: dict[int, list[Position]] = {}

    def previous(self, vehicle_id: int) -> Position | None:
        return copy.deepcopy(self._latest).get(vehicle_id)  # expect: unnecessary-copy

    def first_seen(self, vehicle_id: int) -> Position:
        return self._history.copy()[vehicle_id][0]  # expect: unnecessary-copy

    def tracked(self) -> int:
        return len(copy.copy(self._latest))  # expect: unnecessary-copy

    def snapshot_of(self, vehicle_id: int) -> Position | None:
        return copy.deepcopy(self._latest.get(vehicle_id))

    def export(self) -> dict[int, Position]:
        frozen = copy.deepcopy(self._latest)
        return frozen

    def record(self, position: Position) -> None:
        trail = self._history.setdefault(position.vehicle_id, [])
        trail.append(position)
        self._latest[position.vehicle_id] = position
