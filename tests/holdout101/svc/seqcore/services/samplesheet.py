from __future__ import annotations

import asyncio
import csv
import io
import logging
import uuid

import openpyxl
from pydantic import ValidationError

from seqcore.errors import Conflict, SampleSheetError
from seqcore.infra.cache import JsonCache
from seqcore.repositories.samples import SampleRepository
from seqcore.schemas import SampleRowIn, UploadResult
from seqcore.services.barcodes import BarcodeService
from seqcore.utils.archive import archive_upload
from seqcore.utils.seq import normalise_index

logger = logging.getLogger(__name__)

REQUIRED_COLUMNS = ("sample_name", "index_i7")
COLUMN_ALIASES = {"sample_id": "sample_name", "i7_index": "index_i7", "i5_index": "index_i5", "conc_nm": "concentration_nm"}
MAX_ROWS = 1536


def _canonical(header: list[str]) -> list[str]:
    cleaned = [h.strip().lower().replace(" ", "_") for h in header]
    return [COLUMN_ALIASES.get(h, h) for h in cleaned]


def _records_from_csv(data: bytes) -> tuple[list[str], list[list[str]]]:
    text = data.decode("utf-8-sig")
    # Illumina v2 sheets carry a [Data] section; plain CSV starts with the header.
    if "[Data]" in text:
        text = text.split("[Data]", 1)[1].lstrip("\r\n")
    rows = list(csv.reader(io.StringIO(text)))
    if not rows:
        raise SampleSheetError("sample sheet is empty")
    return rows[0], rows[1:]


def _records_from_xlsx(data: bytes) -> tuple[list[str], list[list[str]]]:
    wb = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    sheet = wb.active
    values = [["" if v is None else str(v) for v in row] for row in sheet.iter_rows(values_only=True)]
    wb.close()
    if not values:
        raise SampleSheetError("workbook has no rows")
    return values[0], values[1:]


def _normalise(record: dict[str, str]) -> dict:
    row = {
        "sample_name": record["sample_name"].strip(),
        "index_i7": normalise_index(record["index_i7"]),
        "index_i5": normalise_index(record["index_i5"]) if record.get("index_i5") else None,
        "organism": record.get("organism") or None,
        "project": record.get("project") or None,
    }
    if record.get("concentration_nm"):
        row["concentration_nm"] = float(record["concentration_nm"])
    return row


def parse_sheet(data: bytes, filename: str) -> tuple[list[SampleRowIn], list[dict]]:
    if filename.lower().endswith((".xlsx", ".xlsm")):
        header, body = _records_from_xlsx(data)
    else:
        header, body = _records_from_csv(data)
    header = _canonical(header)
    try:
        positions = {col: header.index(col) for col in REQUIRED_COLUMNS}
    except ValueError as exc:
        raise SampleSheetError(f"missing required column: {exc}")
    if len(body) > MAX_ROWS:
        raise SampleSheetError(f"too many rows ({len(body)} > {MAX_ROWS})")

    accepted: list[SampleRowIn] = []
    rejected: list[dict] = []
    for line_no, values in enumerate(body, start=2):
        if not any(values) or not values[positions["sample_name"]]:
            continue
        record = dict(zip(header, values))
        try:
            row = _normalise(record)
        except (KeyError, ValueError):
            continue
        try:
            accepted.append(SampleRowIn(**row))
        except ValidationError as exc:
            rejected.append({"line": line_no, "errors": exc.errors(include_url=False)})
    return accepted, rejected


class SampleSheetService:
    def __init__(self, samples: SampleRepository, barcodes: BarcodeService, cache: JsonCache,
                 max_upload_bytes: int) -> None:
        self._samples = samples
        self._barcodes = barcodes
        self._cache = cache
        self._max_upload_bytes = max_upload_bytes

    def _prepare_submission(self, lab_id: uuid.UUID, filename: str, data: bytes) -> str:
        if len(data) > self._max_upload_bytes:
            raise SampleSheetError("upload too large")
        return archive_upload(str(lab_id), filename, data)

    async def ingest_upload(self, lab_id: uuid.UUID, filename: str, data: bytes) -> UploadResult:
        checksum = self._prepare_submission(lab_id, filename, data)
        accepted, rejected = await asyncio.to_thread(parse_sheet, data, filename)
        collisions = self._barcodes.find_collisions(accepted)
        if collisions:
            raise Conflict("index collisions in sample sheet", detail={"pairs": collisions[:50]})
        submission = await self._samples.create_submission(lab_id, filename, checksum)
        await self._samples.add_many(submission.id, lab_id, (r.model_dump(exclude={"project"}) for r in accepted))
        await self._cache.delete(self._cache.key("samples", lab_id, "all"))
        logger.info("submission %s: %d accepted, %d rejected", submission.id, len(accepted), len(rejected))
        return UploadResult(submission_id=submission.id, accepted=len(accepted), rejected=rejected)
