from __future__ import annotations

import httpx
import requests
from tenacity import AsyncRetrying, retry_if_exception_type, stop_after_attempt, wait_exponential

from homegrid.config import get_settings


class PushClient:
    def __init__(self, base_url: str, token: str) -> None:
        self._client = httpx.AsyncClient(
            base_url=base_url, headers={"Authorization": f"Bearer {token}"}, timeout=8.0
        )

    async def close(self) -> None:
        await self._client.aclose()

    async def notify_household(self, household_id: str, title: str, body: str) -> None:
        async for attempt in AsyncRetrying(
            stop=stop_after_attempt(3),
            wait=wait_exponential(multiplier=0.3, max=4),
            retry=retry_if_exception_type((httpx.TransportError, httpx.HTTPStatusError)),
            reraise=True,
        ):
            with attempt:
                resp = await self._client.post(
                    "/v1/notify", json={"audience": f"household:{household_id}", "title": title, "body": body}
                )
                resp.raise_for_status()


def send_sms(phone: str, body: str) -> str:
    settings = get_settings()
    resp = requests.post(
        settings.sms_gateway_url,
        json={"to": phone, "body": body[:480]},
        headers={"Authorization": f"Bearer {settings.sms_gateway_token}"},
        timeout=(3.05, 10),
    )
    resp.raise_for_status()
    return resp.json()["message_id"]
