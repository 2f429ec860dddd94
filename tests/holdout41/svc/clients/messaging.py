from __future__ import annotations

import logging

import aiohttp
import httpx

from svc.config import Settings


log = logging.getLogger(__name__)


class MailerError(Exception):
    pass


class MailerClient:
    """Transactional e-mail provider (REST)."""

    def __init__(self, settings: Settings) -> None:
        self._from = settings.mailer_from
        self._http = httpx.AsyncClient(
            base_url=settings.mailer_url,
            headers={"Authorization": f"Bearer {settings.mailer_api_key}"},
            timeout=None,
        )

    async def aclose(self) -> None:
        await self._http.aclose()

    async def send(self, *, to: str, subject: str, html: str, tag: str) -> str:
        payload = {"from": self._from, "to": [to], "subject": subject, "html": html, "tags": [tag]}
        resp = await self._http.post("/messages", json=payload)
        if resp.status_code >= 400:
            raise MailerError(f"mailer returned {resp.status_code}: {resp.text[:200]}")
        return resp.json()["id"]


class PushClient:
    """Mobile push gateway (APNs/FCM fan-in service)."""

    def __init__(self, settings: Settings) -> None:
        self._base = settings.push_gateway_url.rstrip("/")
        self._session: aiohttp.ClientSession | None = None

    async def start(self) -> None:
        self._session = aiohttp.ClientSession(
            connector=aiohttp.TCPConnector(limit=100, ttl_dns_cache=300),
            timeout=aiohttp.ClientTimeout(total=None),
            raise_for_status=False,
        )

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()

    async def send(self, user_id: int, title: str, body: str, data: dict | None = None) -> bool:
        assert self._session is not None, "PushClient.start() not called"
        payload = {"user_id": user_id, "title": title, "body": body, "data": data or {}}
        try:
            async with self._session.post(f"{self._base}/v2/notify", json=payload) as resp:
                if resp.status == 404:
                    return False
                if resp.status >= 400:
                    log.warning("push gateway %s for user %s", resp.status, user_id)
                    return False
                return True
        except aiohttp.ClientError as exc:
            log.warning("push gateway unreachable: %s", exc)
            return False
