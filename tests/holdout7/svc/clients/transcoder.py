from __future__ import annotations

import asyncio
import logging

import aiohttp

from svc.config import get_settings

log = logging.getLogger(__name__)
settings = get_settings()

_TIMEOUT = aiohttp.ClientTimeout(total=settings.http_timeout_seconds, connect=2)


class TranscoderClient:
    def __init__(self) -> None:
        self._session: aiohttp.ClientSession | None = None

    async def start(self) -> None:
        self._session = aiohttp.ClientSession(base_url=settings.transcoder_url, timeout=_TIMEOUT)

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()

    async def job_status(self, remote_id: str) -> dict:
        assert self._session is not None
        for delay in (0.2, 0.5, 1.0):
            try:
                async with self._session.get(f"/jobs/{remote_id}") as response:
                    response.raise_for_status()
                    return await response.json()
            except aiohttp.ClientConnectionError:
                log.info("transcoder status retry", extra={"remote_id": remote_id, "delay": delay})
                await asyncio.sleep(delay)
        raise RuntimeError(f"transcoder unreachable for {remote_id}")


async def submit_job(source_key: str, profile: str) -> str:
    async with aiohttp.ClientSession() as session:
        async with session.post(
            f"{settings.transcoder_url}/jobs", json={"source": source_key, "profile": profile}
        ) as response:
            response.raise_for_status()
            body = await response.json()
    return body["id"]


transcoder = TranscoderClient()
