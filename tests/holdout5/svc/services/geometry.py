"""Geometry helpers: cells, distances, polyline handling."""
from __future__ import annotations

import math
from collections import deque
from collections.abc import Iterable

EARTH_RADIUS_KM = 6371.0088
CELL_DEGREES = 0.01


def haversine_km(lat1: float, lng1: float, lat2: float, lng2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp = p2 - p1
    dl = math.radians(lng2 - lng1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(a))


def cell_id(lat: float, lng: float) -> str:
    return f"{math.floor(lat / CELL_DEGREES)}:{math.floor(lng / CELL_DEGREES)}"


def straight_line_eta_seconds(lat1: float, lng1: float, lat2: float, lng2: float, kmh: float = 22.0) -> int:
    return int(haversine_km(lat1, lng1, lat2, lng2) / kmh * 3600) + 60


def decode_polyline(encoded: str, precision: int = 5) -> list[tuple[float, float]]:
    coords: list[tuple[float, float]] = []
    index = lat = lng = 0
    factor = 10**precision
    while index < len(encoded):
        for is_lng in (False, True):
            shift = result = 0
            while True:
                b = ord(encoded[index]) - 63
                index += 1
                result |= (b & 0x1F) << shift
                shift += 5
                if b < 0x20:
                    break
            delta = ~(result >> 1) if result & 1 else result >> 1
            if is_lng:
                lng += delta
            else:
                lat += delta
        coords.append((lat / factor, lng / factor))
    return coords


def route_length_km(points: Iterable[tuple[float, float]]) -> float:
    pending = deque(points)
    total = 0.0
    if not pending:
        return total
    prev = pending.popleft()
    while pending:
        cur = pending.popleft()
        total += haversine_km(prev[0], prev[1], cur[0], cur[1])
        prev = cur
    return total


def thin_trail(points: list[tuple[float, float]], min_km: float = 0.02) -> list[tuple[float, float]]:
    """Drop GPS points closer than min_km to the previous kept point."""
    remaining = list(points)
    kept: list[tuple[float, float]] = []
    while remaining:
        point = remaining.pop(0)
        if not kept or haversine_km(kept[-1][0], kept[-1][1], point[0], point[1]) >= min_km:
            kept.append(point)
    return kept
