"""Open/click tracking: link rewriting, tokens and the buffered event writer."""

from __future__ import annotations

import asyncio
import ipaddress
import logging
import re
import uuid
from html import unescape
from urllib.parse import quote

import httpx
from cachetools import TTLCache

from mailroom.config import get_settings
from mailroom.repositories import events as events_repo
from mailroom.utils.signing import sign, unsign

log = logging.getLogger(__name__)

_HREF = re.compile(r'href="(https?://[^"]+)"')
PIXEL_GIF = (
    b"GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff!\xf9\x04\x01\x00\x00\x00\x00"
    b",\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;"
)


def tracking_token(tenant_id: uuid.UUID, campaign_id: int, message_id: int, url: str | None = None) -> str:
    payload = {"t": str(tenant_id), "c": campaign_id, "m": message_id}
    if url is not None:
        payload["u"] = url
    return sign(payload, get_settings().tracking_secret, "track")


def read_token(token: str) -> dict:
    return unsign(token, get_settings().tracking_secret, "track")


def rewrite_links(html: str, tenant_id: uuid.UUID, campaign_id: int, message_id: int) -> str:
    base = get_settings().tracking_base_url

    def _swap(m: re.Match) -> str:
        target = unescape(m.group(1))
        if "{{unsubscribe" in target or target.startswith(base):
            return m.group(0)
        token = tracking_token(tenant_id, campaign_id, message_id, target)
        return f'href="{base}/c/{quote(token)}"'

    rewritten = _HREF.sub(_swap, html)
    pixel = f'<img src="{base}/o/{quote(tracking_token(tenant_id, campaign_id, message_id))}.gif" width="1" height="1" alt="">'
    if "</body>" in rewritten:
        return rewritten.replace("</body>", pixel + "</body>", 1)
    return rewritten + pixel


class EventBuffer:
    """Collects open events and writes them with COPY in batches."""

    def __init__(self, max_items: int = 20_000, batch: int = 500, interval: float = 2.0) -> None:
        self._queue: asyncio.Queue[tuple] = asyncio.Queue(maxsize=max_items)
        self._lock = asyncio.Lock()
        self._rows: list[tuple] = []
        self.batch = batch
        self.interval = interval
        self.dropped = 0

    def offer(self, row: tuple) -> bool:
        try:
            self._queue.put_nowait(row)
            return True
        except asyncio.QueueFull:
            self.dropped += 1
            return False

    async def run(self) -> None:
        while True:
            try:
                row = await asyncio.wait_for(self._queue.get(), timeout=self.interval)
                self._rows.append(row)
            except asyncio.TimeoutError:
                pass
            if len(self._rows) >= self.batch or (self._rows and self._queue.empty()):
                try:
                    await self.flush()
                except Exception:
                    log.exception("event flush failed; %d rows kept for retry", len(self._rows))
                    await asyncio.sleep(self.interval)

    async def flush(self) -> None:
        async with self._lock:
            if not self._rows:
                return
            rows, self._rows = self._rows, []
            try:
                await events_repo.record_events(rows)
            except BaseException:
                self._rows = rows + self._rows
                raise

    async def close(self) -> None:
        async with self._lock:
            while not self._queue.empty():
                self._rows.append(self._queue.get_nowait())
            return await self.flush()


class GeoClient:
    def __init__(self, base_url: str) -> None:
        self._client = httpx.AsyncClient(base_url=base_url, timeout=httpx.Timeout(0.5, connect=0.2))
        self._cache: TTLCache[str, str | None] = TTLCache(maxsize=50_000, ttl=3600)

    async def country(self, ip: str | None) -> str | None:
        if not ip:
            return None
        if ipaddress.ip_address(ip).is_private:
            return None
        if ip in self._cache:
            return self._cache[ip]
        resp = await self._client.get("/v1/country", params={"ip": ip})
        resp.raise_for_status()
        code = resp.json().get("country")
        self._cache[ip] = code
        return code

    async def aclose(self) -> None:
        await self._client.aclose()
