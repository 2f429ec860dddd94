"""Daily report rows built from the tracker's book."""
from __future__ import annotations

import copy

from fleet.positions import Position, PositionBook


def report_rows(book: PositionBook, ids: list[int]) -> list[dict[str, float]]:
    latest = book.export()
    rows = []
    for vehicle_id in ids:
        position = latest.get(vehicle_id)
        if position is not None:
            rows.append({"id": float(vehicle_id), "lat": position.lat, "lng": position.lng})
    return rows


def safe_template(template: dict[str, list[str]]) -> dict[str, list[str]]:
    mine = copy.deepcopy(template)
    mine.setdefault("tags", []).append("report")
    return mine


def latest_pair(positions: list[Position]) -> list[Position]:
    ordered = positions.copy()
    ordered.sort(key=lambda p: p.vehicle_id)
    return ordered[-2:]
