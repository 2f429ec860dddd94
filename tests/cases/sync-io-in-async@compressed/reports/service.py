"""Report service: builds a report and keeps compressed copies."""
from __future__ import annotations

import asyncio

from reports import archive


class ReportService:
    def __init__(self, root: str) -> None:
        self._root = root

    async def store(self, report_id: int, data: bytes) -> str:
        path = archive.archive(self._root, report_id, data)
        await self.cold_store(report_id, data)
        return path

    async def cold_store(self, report_id: int, data: bytes) -> str:
        return await asyncio.to_thread(archive.cold_copy, self._root, report_id, data)

    async def tag(self, data: bytes) -> str:
        return archive.checksum(data)
