"""Instrument result ingestion from websocket pushes and file drops."""
from __future__ import annotations

import asyncio
import json
import logging
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from redis.asyncio import Redis

from ..clients.terminology import TerminologyClient
from ..db.pg import connection, transaction
from ..metrics import RESULTS_INGESTED, timed
from ..repos.results_repo import ResultsRepo
from ..repos.samples_repo import SamplesRepo
from ..utils.hl7 import parse_obx
from ..utils.locks import order_lock, sample_lock

log = logging.getLogger(__name__)

AUTOVERIFY_QUEUE = "queue:autoverify"


class UnknownAccession(Exception):
    pass


@dataclass
class IncomingResult:
    analyte: str
    value: str
    units: str | None
    flag: str | None
    observed_at: datetime | None


def _split_value(raw: str) -> tuple[float | None, str | None]:
    try:
        return float(raw), None
    except ValueError:
        return None, raw


class IngestionService:
    def __init__(self, redis: Redis, terminology: TerminologyClient) -> None:
        self.redis = redis
        self.terminology = terminology

    async def ingest_json(self, instrument_id: str, message: dict[str, Any]) -> int:
        items = [
            IncomingResult(
                analyte=r["code"],
                value=str(r["value"]),
                units=r.get("units"),
                flag=r.get("flag"),
                observed_at=datetime.fromisoformat(r["observed_at"]) if r.get("observed_at") else None,
            )
            for r in message["results"]
        ]
        return await self._store(instrument_id, message["accession_no"], items, source="ws")

    async def ingest_hl7_file(self, instrument_id: str, accession_no: str, text: str) -> int:
        obx_lines = await asyncio.to_thread(parse_obx, text)
        items = [
            IncomingResult(o.analyte, o.value, o.units, o.flag, o.observed_at) for o in obx_lines
        ]
        return await self._store(instrument_id, accession_no, items, source="file")

    async def _store(self, instrument_id: str, accession_no: str, items: list[IncomingResult], source: str) -> int:
        async with connection() as conn:
            sample = await SamplesRepo(conn).get_by_accession(accession_no)
        if sample is None:
            raise UnknownAccession(accession_no)

        rows = []
        for item in items:
            loinc = await self.terminology.loinc_for(instrument_id, item.analyte)
            value_num, value_text = _split_value(item.value)
            rows.append((
                sample.id, instrument_id, item.analyte, loinc, value_num, value_text,
                item.units, item.flag, item.observed_at or datetime.now(timezone.utc),
            ))

        with timed("ingest_store"):
            async with sample_lock(sample.id):
                async with order_lock(sample.order_id):
                    async with transaction() as conn:
                        repo = ResultsRepo(conn)
                        for row in rows:
                            await repo.upsert_one(row)
                        await SamplesRepo(conn).set_status(sample.id, "resulted")

        RESULTS_INGESTED.labels(source).inc(len(rows))
        await self.redis.lpush(AUTOVERIFY_QUEUE, json.dumps({"sample_id": sample.id}))
        log.info("stored %d results for %s from %s", len(rows), accession_no, instrument_id)
        return len(rows)

    async def ingest_qc(self, instrument_id: str, message: dict[str, Any]) -> None:
        run_at = datetime.fromisoformat(message["run_at"])
        async with transaction() as conn:
            await conn.executemany(
                "INSERT INTO qc_runs (instrument_id, analyte, level, value_num, run_at) VALUES ($1, $2, $3, $4, $5)",
                [(instrument_id, c["code"], c["level"], float(c["value"]), run_at) for c in message["controls"]],
            )
