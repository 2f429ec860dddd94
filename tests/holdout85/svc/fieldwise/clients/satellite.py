"""Thin wrapper over the OrbitalFarm scenes REST API (blocking; vendor SDK style)."""
from __future__ import annotations

from typing import Any

import requests


class SatelliteClient:
    def __init__(self, base_url: str, api_key: str) -> None:
        self._base = base_url.rstrip("/")
        self._session = requests.Session()
        self._session.headers["Authorization"] = f"ApiKey {api_key}"

    def search_scenes(self, lat: float, lon: float, since: str) -> list[dict[str, Any]]:
        resp = self._session.post(
            f"{self._base}/search",
            json={"point": [lon, lat], "since": since, "max_cloud": 20},
            timeout=30,
        )
        resp.raise_for_status()
        return resp.json()["scenes"]

    def fetch_scene(self, scene_id: str) -> bytes:
        resp = requests.get(f"{self._base}/scenes/{scene_id}/bands/red-nir", headers=self._session.headers)
        resp.raise_for_status()
        return resp.content
