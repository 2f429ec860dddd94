"""Forwards queued messages upstream; keeps the upstream socket alive."""
import asyncio
import json
import logging
from typing import Any
from urllib.parse import urlsplit

import httpx

logger = logging.getLogger(__name__)


def masked(url: str) -> str:
    """The URL with its path hidden, for log lines."""
    try:
        parts = urlsplit(url)
        return f"{parts.scheme}://{parts.netloc}/***"
    except Exception:  # expect: swallowed-exception
        return "***"


class Forwarder:
    def __init__(self, http: httpx.AsyncClient) -> None:
        self._http = http
        self._socket = None
        self.queue: asyncio.Queue[dict[str, Any]] = asyncio.Queue(maxsize=500)

    async def run(self) -> None:
        while True:
            message = await self.queue.get()
            logger.info("forwarding to %s", masked(message.get("target", "")))
            await self._reopen()
            await self._forward(message)
            self.queue.task_done()

    async def _forward(self, message: dict[str, Any]) -> None:
        extra = self._options(message)
        try:
            await self._http.post("/forward", json={**message, **extra})
        except Exception:  # expect: logging-gap, swallowed-exception
            pass

    def _options(self, message: dict[str, Any]) -> dict:
        options: dict = {}
        raw = message.get("options") or "{}"
        try:
            options = json.loads(raw)
        except Exception:
            pass
        return options

    async def _reopen(self) -> None:
        if self._socket is not None:
            try:
                await self._socket.close()
            except Exception:
                pass
        self._socket = await self._http.get("/socket")

    async def socket_ping_loop(self) -> None:
        try:
            while True:
                await asyncio.sleep(20)
                await self._http.post("/ping")
        except asyncio.CancelledError:
            raise
        except Exception:
            pass

    async def stop(self, task: asyncio.Task) -> None:
        task.cancel()
        try:
            await task
        except BaseException:
            pass

    async def flush(self) -> None:
        try:
            await self._http.post("/flush")
        except Exception:  # expect: swallowed-exception
            pass

    async def _load_routes(self) -> dict:
        try:
            response = await self._http.get("/routes")
            response.raise_for_status()
        except httpx.HTTPError as exc:
            logger.warning("could not load routes, keeping the old ones: %s", exc)
            raise
        return response.json()

    async def _load_limits(self) -> dict:
        response = await self._http.get("/limits")
        return response.json()

    async def refresh(self) -> None:
        try:
            await self._load_routes()
        except Exception:
            return
        try:
            await self._load_limits()
        except Exception:  # expect: swallowed-exception
            return


def pick_endpoint(primary: dict, mirrors: list[dict]) -> str:
    """The first usable endpoint; raises when none is."""
    candidates = []
    try:
        candidates.append(primary["url"].strip())
    except Exception:
        pass
    for mirror in mirrors:
        try:
            candidates.append(mirror["url"].strip())
        except Exception:
            continue
    for url in candidates:
        if url.startswith("https://"):
            return url
    raise ValueError("no usable endpoint")


def first_endpoint(primary: dict, mirrors: list[dict]) -> str:
    candidates = []
    try:
        candidates.append(primary["url"].strip())
    except Exception:  # expect: swallowed-exception
        pass
    candidates.extend(m.get("url", "") for m in mirrors)
    return next((url for url in candidates if url), "")
