from __future__ import annotations

import asyncio
import copy
import hashlib
import logging
from concurrent.futures import Executor
from pathlib import Path
from typing import Any

import pandas as pd

from ..clients.sponsor import SponsorClient
from ..errors import Conflict
from ..repositories.exports import ExportRepository
from ..security import CurrentUser
from ..utils import files
from ..utils.timeutil import utcnow
from .audit import AuditService

log = logging.getLogger(__name__)

_running_exports: dict[int, str] = {}


def pseudonym_for(subject_number: str, salt: bytes) -> str:
    derived = hashlib.pbkdf2_hmac("sha256", subject_number.encode(), salt, 200_000)
    return derived.hex()[:12]


def _summarise(rows: list[dict[str, Any]]) -> dict[str, Any]:
    frame = pd.DataFrame.from_records(rows)
    numeric = frame.assign(value=pd.to_numeric(frame["value"], errors="coerce")).dropna(subset=["value"])
    table = numeric.pivot_table(index=["field_code", "visit_code"], columns="arm", values="value", aggfunc="mean")
    return table.round(2).reset_index().to_dict(orient="records")


class ExportService:
    """Dataset exports for the study statisticians and sponsor listings."""

    def __init__(
        self,
        repo: ExportRepository,
        sponsor: SponsorClient,
        audit: AuditService,
        export_dir: str,
        pseudonym_salt: bytes,
        executor: Executor,
    ) -> None:
        self._repo = repo
        self._sponsor = sponsor
        self._audit = audit
        self._export_dir = Path(export_dir)
        self._salt = pseudonym_salt
        self._executor = executor

    async def build_bundle(self, study_id: int, protocol_code: str, user: CurrentUser) -> Path:
        if study_id in _running_exports:
            raise Conflict(f"an export for study {study_id} is already running")
        _running_exports[study_id] = user.id
        try:
            tables: dict[str, list[dict[str, Any]]] = {}
            for form_code in await self._repo.form_codes(study_id):
                rows = await self._repo.dataset_rows(study_id, form_code)
                tables[form_code] = self._pseudonymise(rows)
            target = self._export_dir / f"{protocol_code}-{utcnow():%Y%m%dT%H%M%S}.zip"
            self._package(target, tables)
        finally:
            _running_exports.pop(study_id, None)
        await self._audit.record(user.id, "export.built", "study", study_id, {"file": target.name})
        return target

    def _pseudonymise(self, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
        for row in rows:
            row["subject_number"] = pseudonym_for(row["subject_number"], self._salt)
        return rows

    def _package(self, target: Path, tables: dict[str, list[dict[str, Any]]]) -> None:
        snapshot = copy.deepcopy(tables)
        files.write_dataset_zip(target, snapshot)

    async def write_define_xml(self, protocol_code: str, xml: str) -> Path:
        path = self._export_dir / f"{protocol_code}-define.xml"
        await asyncio.to_thread(files.write_text, path, xml)
        return path

    async def summary_statistics(self, study_id: int, form_code: str) -> list[dict[str, Any]]:
        rows = await self._repo.dataset_rows(study_id, form_code)
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._executor, _summarise, rows)

    async def send_listings(self, protocol_code: str, bundles: list[Path]) -> int:
        sent = 0
        for bundle in bundles:
            content = await asyncio.to_thread(bundle.read_bytes)
            await self._sponsor.upload_listing(protocol_code, bundle.name, content)
            sent += 1
        return sent
