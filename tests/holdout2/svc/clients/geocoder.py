"""Reverse and forward geocoding (Nominatim). Synchronous: ``requests`` based."""
from __future__ import annotations

from typing import Any

import requests

from svc.errors import UpstreamError
from svc.settings import get_settings

_TIMEOUT = (3.05, 10)
_HEADERS = {"User-Agent": "fleet-telemetry/1.8 (ops@example.com)", "Accept-Language": "en"}


def _base_url() -> str:
    return get_settings().geocoder_url.rstrip("/")


def reverse_lookup(latitude: float, longitude: float) -> dict[str, Any] | None:
    """The address components around a point, or None when nothing is known there."""
    params = {"lat": latitude, "lon": longitude, "format": "jsonv2", "zoom": 14}
    resp = requests.get(f"{_base_url()}/reverse", params=params, headers=_HEADERS, timeout=_TIMEOUT)
    if resp.status_code == 404:
        return None
    if resp.status_code >= 400:
        raise UpstreamError(f"geocoder returned {resp.status_code}")
    body = resp.json()
    if "error" in body:
        return None
    return body.get("address") or None


def search_places(query: str, *, limit: int = 5) -> list[dict[str, Any]]:
    """Free-text place search used by the installer UI when placing a device on the map."""
    resp = requests.get(f"{_base_url()}/search", params={"q": query, "format": "jsonv2", "limit": limit}, headers=_HEADERS)
    resp.raise_for_status()
    return [
        {"label": item["display_name"], "latitude": float(item["lat"]), "longitude": float(item["lon"])}
        for item in resp.json()
    ]
