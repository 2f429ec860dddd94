from __future__ import annotations

import logging

import httpx

from glide.settings import Settings

log = logging.getLogger(__name__)


class SmsClient:
    def __init__(self, settings: Settings) -> None:
        self._url = settings.sms_url
        self._headers = {"Authorization": f"Bearer {settings.sms_token}"}
        self._http = httpx.Client(timeout=5.0, headers=self._headers)
        self._async_http = httpx.AsyncClient(timeout=5.0, headers=self._headers)

    def send_sync(self, phone: str, text: str) -> None:
        """Used by the ops CLI."""
        response = self._http.post(self._url, json={"to": phone, "text": text})
        response.raise_for_status()

    async def send(self, phone: str, text: str) -> None:
        resp = self._http.post(self._url, json={"to": phone, "text": text})
        resp.raise_for_status()

    async def send_otp(self, phone: str, code: str) -> None:
        resp = await self._async_http.post(
            self._url, json={"to": phone, "text": f"Your Glide code: {code}", "priority": "high"}
        )
        resp.raise_for_status()

    async def aclose(self) -> None:
        await self._async_http.aclose()
        self._http.close()


class PushClient:
    def __init__(self, base_url: str, api_key: str) -> None:
        self._client = httpx.AsyncClient(base_url=base_url, headers={"X-Api-Key": api_key})

    async def notify(self, rider_id: str, title: str, body: str) -> None:
        resp = await self._client.post(
            "/v1/push", json={"user": rider_id, "title": title, "body": body}
        )
        resp.raise_for_status()

    async def aclose(self) -> None:
        await self._client.aclose()
