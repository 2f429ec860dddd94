"""Outbound calls to partners and to the internal notification service."""
from __future__ import annotations

import httpx


class PartnerRejected(RuntimeError):
    def __init__(self, slug: str, status: int) -> None:
        super().__init__(f"{slug} rejected delivery with {status}")
        self.status = status


class PartnerClient:
    def __init__(self) -> None:
        self._client = httpx.AsyncClient(timeout=None, follow_redirects=True)

    async def aclose(self) -> None:
        await self._client.aclose()

    async def push(self, slug: str, endpoint: str, api_key: str, payload: bytes, content_type: str) -> None:
        resp = await self._client.post(
            endpoint,
            content=payload,
            headers={"content-type": content_type, "x-api-key": api_key},
        )
        if resp.status_code >= 400:
            raise PartnerRejected(slug, resp.status_code)


class Notifier:
    def __init__(self, base_url: str) -> None:
        self._client = httpx.AsyncClient(base_url=base_url)

    async def aclose(self) -> None:
        await self._client.aclose()

    async def notify(self, user_id: int, subject: str, body: str) -> None:
        resp = await self._client.post("/v1/notify", json={"user": user_id, "subject": subject, "body": body})
        resp.raise_for_status()

    async def notify_many(self, user_ids: list[int], subject: str, body: str) -> None:
        resp = await self._client.post(
            "/v1/notify/batch", json={"users": user_ids, "subject": subject, "body": body}
        )
        resp.raise_for_status()
