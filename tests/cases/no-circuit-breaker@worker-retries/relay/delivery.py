"""Outgoing deliveries: webhooks to integrations, and pushes behind a breaker."""
import time

import httpx


class DeliveryFailed(Exception):
    def __init__(self, status: int) -> None:
        super().__init__(f"status {status}")
        self.status = status


class WebhookSender:
    def __init__(self, http: httpx.AsyncClient) -> None:
        self._http = http

    async def deliver(self, url: str, payload: dict) -> None:
        response = await self._http.post(url, json=payload)  # expect: no-circuit-breaker
        if response.status_code >= 400:
            raise DeliveryFailed(response.status_code)


class Breaker:
    def __init__(self, threshold: int = 5, reset_after: float = 30.0) -> None:
        self._threshold = threshold
        self._reset_after = reset_after
        self._failures = 0
        self._opened_at: float | None = None

    def allow(self) -> bool:
        return self._opened_at is None or time.monotonic() - self._opened_at >= self._reset_after

    def record(self, ok: bool) -> None:
        self._failures = 0 if ok else self._failures + 1
        self._opened_at = time.monotonic() if self._failures >= self._threshold else None


class PushSender:
    def __init__(self, http: httpx.AsyncClient) -> None:
        self._http = http
        self._breaker = Breaker()

    async def push(self, token: str, payload: dict) -> None:
        if not self._breaker.allow():
            raise DeliveryFailed(503)
        response = await self._http.post("/v1/send", json={"token": token, **payload})
        self._breaker.record(response.status_code < 500)
        if response.status_code >= 400:
            raise DeliveryFailed(response.status_code)
