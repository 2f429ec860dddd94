"""Print gateway that drives the thermal and laser printers at packing stations."""
from __future__ import annotations

import asyncio
import logging

import aiohttp

from ..config import Settings
from ..errors import PrinterError
from .base import CircuitBreaker, retry_async

log = logging.getLogger(__name__)


class PrintGatewayClient:
    def __init__(self, settings: Settings) -> None:
        self._url = settings.printer_gateway_url.rstrip("/")
        self._session: aiohttp.ClientSession | None = None
        self._breaker = CircuitBreaker(
            "print-gateway",
            failure_threshold=3,
            reset_timeout=20.0,
            tracked=(aiohttp.ClientError, asyncio.TimeoutError, PrinterError),
        )

    async def start(self) -> None:
        self._session = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=10, connect=2))

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()

    async def submit(self, printer_id: str, pdf: bytes, *, title: str) -> str:
        return await self._breaker.call(
            retry_async,
            self._submit,
            printer_id,
            pdf,
            title,
            attempts=2,
            base_delay=0.3,
            retry_on=(aiohttp.ClientConnectionError, asyncio.TimeoutError),
        )

    async def _submit(self, printer_id: str, pdf: bytes, title: str) -> str:
        assert self._session is not None
        form = aiohttp.FormData()
        form.add_field("title", title)
        form.add_field("document", pdf, filename=f"{title}.pdf", content_type="application/pdf")
        async with self._session.post(f"{self._url}/printers/{printer_id}/jobs", data=form) as resp:
            if resp.status >= 400:
                raise PrinterError(f"print gateway returned {resp.status} for printer {printer_id}")
            return (await resp.json())["job_id"]
