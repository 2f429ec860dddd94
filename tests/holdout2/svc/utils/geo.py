"""Location helpers for device placement."""
from __future__ import annotations

import math
from typing import Any

from svc.clients import geocoder
from svc.errors import InvalidInputError

_EARTH_RADIUS_KM = 6371.0088


def validate_point(latitude: float, longitude: float) -> None:
    if not (-90.0 <= latitude <= 90.0 and -180.0 <= longitude <= 180.0):
        raise InvalidInputError(f"({latitude}, {longitude}) is not a valid coordinate")


def describe_location(latitude: float | None, longitude: float | None) -> str | None:
    """A short human-readable locality ("Delft, South Holland, NL") for a device position."""
    if latitude is None or longitude is None:
        return None
    validate_point(latitude, longitude)
    address = geocoder.reverse_lookup(round(latitude, 4), round(longitude, 4))
    if address is None:
        return None
    return format_locality(address)


def format_locality(address: dict[str, Any]) -> str:
    parts = [address[key] for key in _PLACE_KEYS if address.get(key)]
    country = address.get("country_code")
    if country:
        parts.append(str(country).upper())
    return ", ".join(parts[:3])


def format_place(place: dict[str, Any]) -> dict[str, Any]:
    label = str(place["label"])
    return {"label": label if len(label) <= 120 else label[:117] + "...", "latitude": place["latitude"], "longitude": place["longitude"]}


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi = math.radians(lat2 - lat1)
    dlmb = math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlmb / 2) ** 2
    return 2 * _EARTH_RADIUS_KM * math.asin(math.sqrt(a))


# Most specific first; the first three present make up the locality string.
_PLACE_KEYS = ("village", "town", "city", "municipality", "county", "state")
