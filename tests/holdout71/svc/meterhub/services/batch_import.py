"""Import of nightly batch files delivered by the water-meter drive-by collectors
(CSV) and the legacy electricity MDM (XML)."""
from __future__ import annotations

import asyncio
import hashlib
import logging
import xml.etree.ElementTree as ET
from datetime import datetime
from decimal import Decimal, InvalidOperation
from pathlib import Path

from ..db import SessionLocal, readings_pool
from ..observability import READINGS_INGESTED, READINGS_REJECTED
from ..repositories.accounts import MeterRepository
from ..repositories.readings import ReadingsRepository
from ..utils.csvparse import iter_readings

log = logging.getLogger(__name__)
CHUNK = 5_000


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


class BatchImporter:
    def __init__(self) -> None:
        self._readings = ReadingsRepository(readings_pool)

    async def already_imported(self, path: Path) -> tuple[bool, str]:
        digest = await asyncio.to_thread(_sha256, path)
        async with readings_pool.connection() as conn:
            found = await conn.fetchval("SELECT 1 FROM batch_files WHERE sha256 = $1", digest)
        return bool(found), digest

    async def import_csv(self, path: Path) -> tuple[int, int]:
        ok = bad = 0
        pending: list = []
        with open(path, encoding="utf-8") as fh:
            for reading in iter_readings(fh):
                if reading is None:
                    bad += 1
                    READINGS_REJECTED.labels("batch_csv", "unparseable").inc()
                    continue
                pending.append(reading)
                if len(pending) >= CHUNK:
                    ok += await self._store(pending, "batch_csv")
                    pending = []
        if pending:
            ok += await self._store(pending, "batch_csv")
        return ok, bad

    async def import_xml(self, path: Path) -> tuple[int, int]:
        raw = await asyncio.to_thread(path.read_bytes)
        root = ET.fromstring(raw)
        pending = []
        for node in root.iterfind(".//IntervalReading"):
            try:
                value = Decimal(node.findtext("Value", ""))
            except InvalidOperation:
                value = None
            if value is None:
                continue
            pending.append(
                (
                    node.get("meter"),
                    datetime.fromisoformat(node.findtext("Start", "")),
                    int(node.get("channel", "1")),
                    value,
                    node.get("q", "A"),
                )
            )
        stored = 0
        for i in range(0, len(pending), CHUNK):
            stored += await self._store_tuples(pending[i : i + CHUNK], "batch_mdm")
        return stored, 0

    async def _store(self, readings: list, source: str) -> int:
        return await self._store_tuples(
            [(r.serial, r.read_at, r.register, r.value, r.quality) for r in readings], source
        )

    async def _store_tuples(self, items: list[tuple], source: str) -> int:
        async with SessionLocal() as session:
            meters = await MeterRepository(session).by_serials(serial for serial, *_ in items)
        rows = []
        for serial, read_at, register, value, quality in items:
            hit = meters.get(serial)
            if hit is None:
                READINGS_REJECTED.labels(source, "unknown_meter").inc()
                continue
            rows.append((hit[0], read_at, register, value, quality, source))
            READINGS_INGESTED.labels(source, hit[2]).inc()
        if not rows:
            return 0
        return await self._readings.insert_batch(rows)

    async def record(self, path: Path, digest: str, ok: int, bad: int) -> None:
        async with readings_pool.connection() as conn:
            await conn.execute(
                "INSERT INTO batch_files (name, sha256, rows_ok, rows_bad) VALUES ($1, $2, $3, $4) "
                "ON CONFLICT (name) DO UPDATE SET sha256 = EXCLUDED.sha256, rows_ok = EXCLUDED.rows_ok, "
                "rows_bad = EXCLUDED.rows_bad, imported_at = now()",
                path.name,
                digest,
                ok,
                bad,
            )
