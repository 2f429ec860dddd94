"""Thin wrapper over the vendor's synchronous marine-weather SDK."""
from __future__ import annotations

from dataclasses import dataclass

import requests


@dataclass
class PointForecast:
    wave_height_m: float
    wind_kn: float
    current_kn: float


class WeatherSDK:
    def __init__(self, api_key: str, base_url: str = "https://api.seaweather.example/v2") -> None:
        self._session = requests.Session()
        self._session.headers["Authorization"] = f"Key {api_key}"
        self._base = base_url

    def forecast_point(self, lat: float, lon: float, hours_ahead: int = 24) -> PointForecast:
        resp = self._session.get(
            f"{self._base}/point", params={"lat": lat, "lon": lon, "h": hours_ahead}, timeout=10
        )
        resp.raise_for_status()
        data = resp.json()
        return PointForecast(data["hs"], data["wind"], data["current"])

    def bulk_forecast(self, points: list[tuple[float, float]]) -> list[PointForecast]:
        resp = self._session.post(f"{self._base}/points", json={"points": points})
        resp.raise_for_status()
        return [PointForecast(d["hs"], d["wind"], d["current"]) for d in resp.json()["items"]]
