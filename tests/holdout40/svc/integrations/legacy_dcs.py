"""Bridge to the legacy departure control system (DCS).

The DCS speaks a line-oriented TTY protocol on a TCP gateway, plus a small HTTP
endpoint used for passenger acceptance messages.
"""
from __future__ import annotations

import asyncio
import logging

import requests

from ..config import Settings

log = logging.getLogger(__name__)


class LegacyDcs:
    def __init__(self, settings: Settings) -> None:
        self._host = settings.legacy_dcs_host
        self._port = settings.legacy_dcs_port
        self._http = settings.legacy_dcs_http

    async def _command(self, line: str) -> str:
        reader, writer = await asyncio.wait_for(asyncio.open_connection(self._host, self._port), timeout=5)
        try:
            writer.write(line.encode("ascii") + b"\r\n")
            await writer.drain()
            raw = await reader.readuntil(b"\r\n")
            return raw.decode("ascii").strip()
        finally:
            writer.close()
            await writer.wait_closed()

    async def gate_for(self, flight_no: str) -> str | None:
        reply = await self._command(f"GATE {flight_no}")
        if reply.startswith("ERR"):
            return None
        return reply.split()[-1]

    async def accept_passenger(self, flight_no: str, pnr: str, seat_no: str) -> bool:
        resp = requests.post(
            f"{self._http}/acceptance",
            json={"flight": flight_no, "pnr": pnr, "seat": seat_no},
            timeout=4,
        )
        if resp.status_code != 200:
            log.error("DCS acceptance failed for %s/%s: %s", flight_no, pnr, resp.status_code)
            return False
        return True

    def board_count_sync(self, flight_no: str) -> int:
        resp = requests.get(f"{self._http}/boarded/{flight_no}", timeout=4)
        resp.raise_for_status()
        return int(resp.json()["count"])

    async def board_count(self, flight_no: str) -> int:
        return await asyncio.to_thread(self.board_count_sync, flight_no)
