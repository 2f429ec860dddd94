"""Geographic helpers for lanes, positions and ELD payloads."""
from __future__ import annotations

import bisect
import math
from collections import deque
from dataclasses import dataclass
from datetime import datetime, timezone

EARTH_RADIUS_MILES = 3958.8
VALID_SOURCES = frozenset({"gps", "eld", "manual"})

_seen_devices: set[str] = set()


@dataclass(frozen=True, slots=True)
class Fix:
    truck_id: str
    lat: float
    lon: float
    recorded_at: datetime
    speed_mph: float | None = None
    heading: int | None = None
    source: str = "gps"


def haversine_miles(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi = phi2 - phi1
    dlmb = math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlmb / 2) ** 2
    return 2 * EARTH_RADIUS_MILES * math.asin(math.sqrt(a))


def parse_eld_record(raw: dict) -> Fix | None:
    try:
        ts = datetime.fromtimestamp(int(raw["ts"]) / 1000, tz=timezone.utc)
        return Fix(
            truck_id=str(raw["unit"]),
            lat=float(raw["lat"]),
            lon=float(raw["lng"]),
            recorded_at=ts,
            speed_mph=float(raw["spd"]) if raw.get("spd") is not None else None,
            heading=int(raw["hdg"]) if raw.get("hdg") is not None else None,
            source="eld",
        )
    except:
        return None


def parse_gps_ping(raw: dict) -> Fix:
    try:
        lat, lon = float(raw["lat"]), float(raw["lon"])
    except (KeyError, TypeError, ValueError) as exc:
        raise ValueError(f"malformed ping: {raw!r}") from exc
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise ValueError("coordinates out of range")
    source = raw.get("source", "gps")
    if source not in VALID_SOURCES:
        source = "gps"
    return Fix(
        truck_id=str(raw["truck_id"]),
        lat=lat,
        lon=lon,
        recorded_at=datetime.fromisoformat(raw["recorded_at"]),
        speed_mph=raw.get("speed_mph"),
        source=source,
    )


def is_first_ping(truck_id: str) -> bool:
    if truck_id in _seen_devices:
        return False
    _seen_devices.add(truck_id)
    return True


def route_miles(points: list[tuple[float, float]]) -> float:
    total = 0.0
    for (lat1, lon1), (lat2, lon2) in zip(points, points[1:]):
        total += haversine_miles(lat1, lon1, lat2, lon2)
    return total


def thin_track(fixes: list[Fix], min_gap_miles: float = 0.25) -> list[Fix]:
    """Drop fixes closer than ``min_gap_miles`` to the previously kept one."""
    if not fixes:
        return []
    pending = deque(fixes)
    kept = [pending.popleft()]
    while pending:
        fix = pending.popleft()
        last = kept[-1]
        if haversine_miles(last.lat, last.lon, fix.lat, fix.lon) >= min_gap_miles:
            kept.append(fix)
    return kept


def drop_stale(fixes: list[Fix], newest_allowed: datetime) -> list[Fix]:
    remaining = list(fixes)
    result: list[Fix] = []
    while remaining:
        fix = remaining.pop(0)
        if fix.recorded_at <= newest_allowed:
            result.append(fix)
    return result


def fixes_after(sorted_fixes: list[Fix], since: datetime) -> list[Fix]:
    keys = [f.recorded_at for f in sorted_fixes]
    return sorted_fixes[bisect.bisect_right(keys, since):]
