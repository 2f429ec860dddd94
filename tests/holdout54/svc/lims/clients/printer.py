"""Label printing: the print service (aiohttp) and direct ZPL over TCP 9100 for bench printers."""
from __future__ import annotations

import asyncio
import logging
import threading
from dataclasses import dataclass

import aiohttp

from ..config import get_settings

log = logging.getLogger(__name__)

_spool_lock = threading.Lock()
_spool_sequence = 0


class PrintError(Exception):
    pass


@dataclass
class PrintJob:
    printer: str
    zpl: str
    copies: int = 1


class PrinterClient:
    def __init__(self) -> None:
        self._base = get_settings().printer_base_url
        self._session: aiohttp.ClientSession | None = None

    async def start(self) -> None:
        self._session = aiohttp.ClientSession(
            timeout=aiohttp.ClientTimeout(total=10, connect=2),
            raise_for_status=False,
        )

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()

    async def submit(self, job: PrintJob) -> str:
        global _spool_sequence
        assert self._session is not None, "PrinterClient.start() not called"
        with _spool_lock:
            _spool_sequence += 1
            spool_id = f"{job.printer}-{_spool_sequence:08d}"
            async with self._session.post(
                f"{self._base}/printers/{job.printer}/jobs",
                json={"spool_id": spool_id, "zpl": job.zpl, "copies": job.copies},
            ) as resp:
                if resp.status >= 400:
                    body = await resp.text()
                    raise PrintError(f"printer {job.printer} rejected job: {resp.status} {body[:200]}")
        log.info("spooled %s", spool_id)
        return spool_id

    async def printer_status(self, printer: str) -> dict:
        assert self._session is not None
        async with self._session.get(f"{self._base}/printers/{printer}") as resp:
            resp.raise_for_status()
            return await resp.json()


async def send_raw_zpl(zpl: str, host: str | None = None, port: int | None = None) -> None:
    settings = get_settings()
    reader, writer = await asyncio.open_connection(host or settings.printer_host, port or settings.printer_port)
    try:
        writer.write(zpl.encode("ascii", errors="replace"))
        await asyncio.wait_for(writer.drain(), timeout=5)
    finally:
        writer.close()
        await writer.wait_closed()
    log.debug("sent %d bytes of ZPL to %s", len(zpl), host or settings.printer_host)


async def printer_alive(host: str, port: int = 9100) -> bool:
    try:
        _, writer = await asyncio.wait_for(asyncio.open_connection(host, port), timeout=2)
    except (OSError, asyncio.TimeoutError):
        return False
    writer.close()
    await writer.wait_closed()
    return True
