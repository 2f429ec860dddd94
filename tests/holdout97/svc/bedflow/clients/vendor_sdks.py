"""Synchronous vendor clients: hospital paging system and porter dispatch."""
from __future__ import annotations

import requests


class PagerError(Exception):
    pass


class PagerClient:
    def __init__(self, base_url: str, api_key: str = "") -> None:
        self._base_url = base_url.rstrip("/")
        self._session = requests.Session()
        self._session.headers["X-Api-Key"] = api_key

    def page(self, role: str, message: str, priority: str = "normal") -> str:
        resp = self._session.post(
            f"{self._base_url}/pages",
            json={"role": role, "message": message[:160], "priority": priority},
            timeout=10,
        )
        if resp.status_code >= 400:
            raise PagerError(f"pager returned {resp.status_code}")
        return resp.json()["page_id"]


class PorterDispatch:
    def __init__(self, base_url: str) -> None:
        self._base_url = base_url.rstrip("/")

    def create_job(self, request_id: int, pickup: str, destination: str, urgent: bool) -> str:
        resp = requests.post(
            f"{self._base_url}/jobs",
            json={"ref": str(request_id), "pickup": pickup, "dropoff": destination, "urgent": urgent},
        )
        resp.raise_for_status()
        return resp.json()["job_id"]

    def cancel_job(self, job_id: str) -> None:
        resp = requests.delete(f"{self._base_url}/jobs/{job_id}", timeout=5)
        resp.raise_for_status()
