from __future__ import annotations

from dataclasses import dataclass

import requests

from ..settings import Settings


@dataclass(frozen=True)
class Employee:
    id: int
    email: str
    display_name: str
    mobile: str | None
    site_code: str


class DirectoryClient:
    """Thin wrapper over the HR directory's REST API (synchronous SDK)."""

    def __init__(self, settings: Settings) -> None:
        self._base = settings.directory_url.rstrip("/")
        self._session = requests.Session()
        self._session.headers["Authorization"] = f"Token {settings.directory_token}"

    def lookup_employee(self, email: str) -> Employee | None:
        resp = self._session.get(f"{self._base}/api/people", params={"email": email})
        if resp.status_code == 404:
            return None
        resp.raise_for_status()
        return _to_employee(resp.json())

    def get_employee(self, employee_id: int) -> Employee:
        resp = self._session.get(f"{self._base}/api/people/{employee_id}", timeout=(3, 10))
        resp.raise_for_status()
        return _to_employee(resp.json())


def _to_employee(data: dict) -> Employee:
    return Employee(
        id=int(data["id"]),
        email=data["email"],
        display_name=data.get("displayName") or data["email"],
        mobile=data.get("mobile"),
        site_code=data.get("siteCode", ""),
    )
