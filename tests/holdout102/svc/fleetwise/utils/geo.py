from __future__ import annotations

import math
from bisect import bisect_left
from collections.abc import Sequence

EARTH_RADIUS_NM = 3440.065


def haversine_nm(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp = p2 - p1
    dl = math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_NM * math.asin(math.sqrt(a))


def track_distance_nm(points: Sequence[tuple[float, float]]) -> float:
    total = 0.0
    for (lat1, lon1), (lat2, lon2) in zip(points, points[1:]):
        total += haversine_nm(lat1, lon1, lat2, lon2)
    return total


def nearest_timestamp_index(sorted_ts: Sequence[float], ts: float) -> int:
    idx = bisect_left(sorted_ts, ts)
    if idx == 0:
        return 0
    if idx == len(sorted_ts):
        return len(sorted_ts) - 1
    before, after = sorted_ts[idx - 1], sorted_ts[idx]
    return idx if after - ts < ts - before else idx - 1


def great_circle_hours(distance_nm: float, speed_kn: float) -> float:
    if speed_kn <= 0:
        raise ValueError("speed must be positive")
    return distance_nm / speed_kn
