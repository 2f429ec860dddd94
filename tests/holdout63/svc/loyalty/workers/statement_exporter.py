"""Month-end bulk export of statements to the archive bucket."""
from __future__ import annotations

import asyncio
import io
import logging
import zipfile
from collections.abc import Sequence

import httpx
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from loyalty.repositories.members_repo import MembersRepository
from loyalty.services.statements import StatementService, rows_to_csv_bytes

log = logging.getLogger(__name__)

ARCHIVE_URL = "https://archive.example.com/buckets/loyalty-statements"


def _zip_statements(files: Sequence[tuple[str, bytes]]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_LZMA) as archive:
        for name, data in files:
            archive.writestr(name, data)
    return buffer.getvalue()


class StatementExporter:
    def __init__(self, sessions: async_sessionmaker[AsyncSession], statements: StatementService,
                 http: httpx.AsyncClient, page_size: int = 500) -> None:
        self._sessions = sessions
        self._statements = statements
        self._http = http
        self._page_size = page_size

    async def _page_files(self, member_ids: list[int], year: int, month: int) -> list[tuple[str, bytes]]:
        files: list[tuple[str, bytes]] = []
        async with self._sessions() as session:
            for member_id in member_ids:
                try:
                    rows = await self._statements.rows_batched(session, member_id, year, month)
                except:
                    continue
                files.append((f"{member_id}-{year:04d}{month:02d}.csv", rows_to_csv_bytes(rows)))
        return files

    async def export_month(self, year: int, month: int) -> int:
        after = 0
        part = 0
        exported = 0
        while True:
            async with self._sessions() as session:
                member_ids = await MembersRepository(session).active_ids_page(after, self._page_size)
            if not member_ids:
                break
            files = await self._page_files(member_ids, year, month)
            archive = _zip_statements(files)
            response = await self._http.put(f"{ARCHIVE_URL}/{year:04d}-{month:02d}/part-{part:05d}.zip",
                                            content=archive, timeout=60.0)
            response.raise_for_status()
            exported += len(files)
            part += 1
            after = member_ids[-1]
        log.info("exported %d statements for %04d-%02d in %d parts", exported, year, month, part)
        return exported

    async def export_month_offloaded(self, year: int, month: int, member_ids: list[int]) -> bytes:
        files = await self._page_files(member_ids, year, month)
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(None, _zip_statements, files)
