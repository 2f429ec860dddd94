from __future__ import annotations

import asyncio
from datetime import date
from typing import Any


def parse_result_line(line: str) -> dict[str, Any]:
    subject, test_code, value, unit, collected = line.rstrip("\r\n").split("|")
    return {
        "subject_number": subject,
        "test_code": test_code,
        "value": float(value),
        "unit": unit,
        "collected_on": date.fromisoformat(collected),
    }


class LabFeedClient:
    """Central-lab gateway speaking a pipe-delimited line protocol over TCP."""

    def __init__(self, host: str, port: int) -> None:
        self._host = host
        self._port = port

    async def fetch_results(self, study_code: str, since: date) -> list[str]:
        reader, writer = await asyncio.wait_for(asyncio.open_connection(self._host, self._port), timeout=5)
        try:
            writer.write(f"RESULTS {study_code} {since.isoformat()}\r\n".encode())
            await writer.drain()
            header = await reader.readuntil(b"\r\n")
            count = int(header.split()[1])
            lines = []
            for _ in range(count):
                raw = await asyncio.wait_for(reader.readline(), timeout=10)
                lines.append(raw.decode())
            return lines
        finally:
            writer.close()
            await writer.wait_closed()
