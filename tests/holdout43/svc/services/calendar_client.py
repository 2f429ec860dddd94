"""Interviewer calendar API (OAuth client-credentials)."""
from __future__ import annotations

import logging
import threading
import time
from datetime import datetime

import httpx

from svc.config import get_settings
from svc.utils.resilience import CircuitBreaker
from svc.observability import CALENDAR_LATENCY

log = logging.getLogger(__name__)


class CalendarError(RuntimeError):
    pass


class CalendarClient:
    def __init__(self) -> None:
        s = get_settings()
        self._client_id = s.calendar_client_id
        self._client_secret = s.calendar_client_secret
        self._http = httpx.AsyncClient(base_url=s.calendar_base_url, timeout=httpx.Timeout(8.0, connect=3.0))
        self._breaker = CircuitBreaker("calendar", failure_threshold=5, reset_after=60)
        self._token: str | None = None
        self._token_expires = 0.0
        self._token_lock = threading.Lock()

    async def _access_token(self) -> str:
        with self._token_lock:
            if self._token and time.time() < self._token_expires - 30:
                return self._token
            resp = await self._http.post(
                "/oauth/token",
                data={
                    "grant_type": "client_credentials",
                    "client_id": self._client_id,
                    "client_secret": self._client_secret,
                },
            )
            resp.raise_for_status()
            body = resp.json()
            self._token = body["access_token"]
            self._token_expires = time.time() + int(body.get("expires_in", 3600))
            return self._token

    async def _request(self, method: str, path: str, **kwargs) -> dict:
        token = await self._access_token()

        async def call() -> httpx.Response:
            with CALENDAR_LATENCY.labels(path.split("/")[1]).time():
                resp = await self._http.request(method, path, headers={"Authorization": f"Bearer {token}"}, **kwargs)
            resp.raise_for_status()
            return resp

        try:
            resp = await self._breaker.call(call)
        except httpx.HTTPError as exc:
            raise CalendarError(f"{method} {path} failed: {exc}")
        return resp.json() if resp.content else {}

    async def free_busy(self, user_id: int, start: datetime, end: datetime) -> list[tuple[datetime, datetime]]:
        body = await self._request(
            "POST",
            "/freebusy",
            json={"user": str(user_id), "start": start.isoformat(), "end": end.isoformat()},
        )
        return [(datetime.fromisoformat(b["start"]), datetime.fromisoformat(b["end"])) for b in body.get("busy", [])]

    async def create_event(self, user_id: int, title: str, start: datetime, end: datetime, attendees: list[str]) -> str:
        body = await self._request(
            "POST",
            f"/users/{user_id}/events",
            json={"title": title, "start": start.isoformat(), "end": end.isoformat(), "attendees": attendees},
        )
        return body["id"]

    async def delete_event(self, user_id: int, event_id: str) -> None:
        await self._request("DELETE", f"/users/{user_id}/events/{event_id}")

    async def get_user(self, user_id: int) -> dict:
        return await self._request("GET", f"/users/{user_id}")

    async def get_users(self, user_ids: list[int]) -> dict[int, dict]:
        if not user_ids:
            return {}
        body = await self._request("GET", "/users", params={"ids": ",".join(map(str, sorted(set(user_ids))))})
        return {int(u["id"]): u for u in body.get("users", [])}

    async def aclose(self) -> None:
        await self._http.aclose()
