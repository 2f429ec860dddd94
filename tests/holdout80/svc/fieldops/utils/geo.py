from __future__ import annotations

import math

EARTH_RADIUS_KM = 6371.0088


def haversine_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    lat1, lng1 = map(math.radians, a)
    lat2, lng2 = map(math.radians, b)
    dlat, dlng = lat2 - lat1, lng2 - lng1
    h = math.sin(dlat / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin(dlng / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(h))


def straight_line_minutes(a: tuple[float, float], b: tuple[float, float], avg_kmh: float = 40.0) -> float:
    """Rough drive-time estimate used when the routing provider is unavailable."""
    return haversine_km(a, b) * 1.3 / avg_kmh * 60.0


def nearest_first(origin: tuple[float, float], stops: list[tuple[int, tuple[float, float]]]) -> list[int]:
    """Greedy nearest-neighbour ordering; a technician has at most a dozen stops a day."""
    remaining = list(stops)
    order: list[int] = []
    here = origin
    while remaining:
        idx = min(range(len(remaining)), key=lambda i: haversine_km(here, remaining[i][1]))
        stop_id, here = remaining.pop(idx)
        order.append(stop_id)
    return order
