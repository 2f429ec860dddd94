from __future__ import annotations

import math
from dataclasses import dataclass

EARTH_RADIUS_M = 6_371_000.0


@dataclass(frozen=True, slots=True)
class Point:
    lat: float
    lon: float


def haversine_m(a: Point, b: Point) -> float:
    phi1, phi2 = math.radians(a.lat), math.radians(b.lat)
    dphi = phi2 - phi1
    dlmb = math.radians(b.lon - a.lon)
    h = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlmb / 2) ** 2
    return 2 * EARTH_RADIUS_M * math.asin(math.sqrt(h))


def build_distance_matrix(points: list[Point]) -> list[list[float]]:
    size = len(points)
    matrix = [[0.0] * size for _ in range(size)]
    for i in range(size):
        for j in range(i + 1, size):
            d = haversine_m(points[i], points[j])
            matrix[i][j] = d
            matrix[j][i] = d
    return matrix


def nearest_neighbour_order(start: Point, stops: list[tuple[str, Point]]) -> list[str]:
    """Greedy ordering used as a seed for the optimiser and as its fallback."""
    order: list[str] = []
    remaining = list(stops)
    here = start
    while remaining:
        best = min(remaining, key=lambda item: haversine_m(here, item[1]))
        remaining.remove(best)
        order.append(best[0])
        here = best[1]
    return order


def route_length_m(points: list[Point]) -> float:
    return sum(haversine_m(a, b) for a, b in zip(points, points[1:]))
