"""Watches the instrument drop directory for HL7 result files from legacy analyzers."""
from __future__ import annotations

import asyncio
import logging
import os
import shutil
from pathlib import Path

from ..config import get_settings
from ..db.pg import pool
from ..services.ingestion import IngestionService, UnknownAccession

log = logging.getLogger(__name__)

POLL_INTERVAL_S = 2.0
# <instrument>__<accession>__<anything>.hl7
NAME_PARTS = 3


def _parse_name(path: Path) -> tuple[str, str] | None:
    parts = path.stem.split("__")
    if len(parts) < NAME_PARTS - 1:
        return None
    return parts[0], parts[1]


class FileDropWatcher:
    def __init__(self, ingestion: IngestionService) -> None:
        settings = get_settings()
        self.ingestion = ingestion
        self.drop_dir = Path(settings.drop_dir)
        self.archive_dir = Path(settings.archive_dir)
        self.error_dir = self.archive_dir / "errors"

    async def _list_ready(self) -> list[Path]:
        entries = await asyncio.to_thread(lambda: sorted(self.drop_dir.glob("*.hl7")))
        return entries[:200]

    async def _archive(self, path: Path, failed: bool) -> None:
        target_dir = self.error_dir if failed else self.archive_dir
        shutil.move(str(path), str(target_dir / path.name))

    async def _record_receipt(self, instrument_id: str, filename: str, count: int) -> None:
        conn = await pool().acquire(timeout=5)
        await conn.execute(
            "INSERT INTO audit_log (actor, action, entity, entity_id, detail) VALUES ($1, 'file_drop', 'file', $2, $3::jsonb)",
            f"instrument:{instrument_id}", filename, f'{{"results": {count}}}',
        )
        await pool().release(conn)

    async def process_one(self, path: Path) -> None:
        parsed = _parse_name(path)
        if parsed is None:
            log.warning("unrecognised drop file name %s", path.name)
            await self._archive(path, failed=True)
            return
        instrument_id, accession_no = parsed
        text = await asyncio.to_thread(path.read_text, encoding="latin-1")
        try:
            count = await self.ingestion.ingest_hl7_file(instrument_id, accession_no, text)
        except UnknownAccession:
            log.warning("drop file %s references unknown accession %s", path.name, accession_no)
            await self._archive(path, failed=True)
            return
        await self._record_receipt(instrument_id, path.name, count)
        await self._archive(path, failed=False)

    async def run(self, stop: asyncio.Event) -> None:
        await asyncio.to_thread(os.makedirs, self.error_dir, exist_ok=True)
        while not stop.is_set():
            for path in await self._list_ready():
                try:
                    await self.process_one(path)
                except:
                    log.exception("failed to process drop file %s", path.name)
            try:
                await asyncio.wait_for(stop.wait(), timeout=POLL_INTERVAL_S)
            except asyncio.TimeoutError:
                pass
