"""Decoded route polylines for trip playback."""
from __future__ import annotations

from functools import lru_cache

from cachetools import LRUCache

_decoded_by_trip: LRUCache[int, tuple[tuple[float, float], ...]] = LRUCache(maxsize=4_096)


@lru_cache(maxsize=None)
def decode_polyline(encoded: str, precision: int = 5) -> tuple[tuple[float, float], ...]:
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
    return tuple(coords)


def route_for_trip(trip_id: int, encoded: str) -> tuple[tuple[float, float], ...]:
    cached = _decoded_by_trip.get(trip_id)
    if cached is None:
        cached = decode_polyline(encoded)
        _decoded_by_trip[trip_id] = cached
    return cached
