"""Sponsor data exports: collect the clinical dataset, write, encrypt and deliver it."""
from __future__ import annotations

import asyncio
import copy
import functools
import hashlib
import json
import logging
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import asyncpg

from svc import storage
from svc.clients.sponsor import SponsorGateway
from svc.config import Settings
from svc.db.pool import Database
from svc.errors import Conflict, NotFound
from svc.repositories.audit import AuditRepository
from svc.repositories.forms import FormRepository
from svc.repositories.participants import ParticipantRepository

log = logging.getLogger(__name__)

AUDIT_PAGE_SIZE = 5_000


class ExportService:
    def __init__(
        self,
        settings: Settings,
        db: Database,
        participants: ParticipantRepository,
        forms: FormRepository,
        audit: AuditRepository,
        sponsor: SponsorGateway,
    ) -> None:
        self._settings = settings
        self._db = db
        self._participants = participants
        self._forms = forms
        self._audit = audit
        self._sponsor = sponsor
        self._running: dict[int, datetime] = {}
        self._last_fingerprint: dict[int, str] = {}

    async def request_export(self, study_id: int, sponsor_code: str, actor_id: str) -> int:
        async with self._db.transaction() as conn:
            job_id = await conn.fetchval(
                "INSERT INTO export_jobs (study_id, sponsor_code, status, requested_by) VALUES ($1, $2, 'queued', $3) RETURNING id",
                study_id, sponsor_code, actor_id,
            )
            await self._audit.record(conn, "export", job_id, "requested", actor_id, after={"sponsor": sponsor_code})
        return job_id

    async def job_status(self, job_id: int) -> dict[str, Any]:
        async with self._db.connection() as conn:
            row = await conn.fetchrow(
                "SELECT id, study_id, status, attempts, checksum, delivery_id, created_at, finished_at FROM export_jobs WHERE id = $1",
                job_id,
            )
        if row is None:
            raise NotFound(f"export {job_id} not found")
        return dict(row)

    async def claim_for_rerun(self, job_id: int) -> asyncpg.Record:
        async with self._db.transaction() as conn:
            job = await conn.fetchrow(
                "UPDATE export_jobs SET status = 'running', attempts = attempts + 1 WHERE id = $1 AND status = 'failed' RETURNING id, study_id, sponsor_code",
                job_id,
            )
        if job is None:
            raise Conflict(f"export {job_id} is not in a failed state")
        return job

    async def run_job(self, job: asyncpg.Record) -> str | None:
        study_id: int = job["study_id"]
        if study_id in self._running:
            raise Conflict(f"an export for study {study_id} is already running")
        study_code = await self._study_code(study_id)
        self._running[study_id] = datetime.now(UTC)
        try:
            records = await self._collect(study_id)
            fingerprint = hashlib.sha256(json.dumps(records, sort_keys=True, default=str).encode()).hexdigest()
            if self._last_fingerprint.get(study_id) == fingerprint:
                log.info("study %s unchanged since last export, skipping delivery", study_code)
                return None
            path = storage.export_path(self._settings.export_dir, study_code, job["id"])
            snapshot = copy.deepcopy(records)
            storage.write_export(path, snapshot)
            manifest = self._manifest(study_code, job["id"], records, fingerprint)
            await asyncio.to_thread(storage.write_atomic, path.with_suffix(".manifest.json"), manifest)
            key_file = self._recipient_key()
            encrypted = await asyncio.to_thread(storage.encrypt_for_sponsor, path, key_file)
            checksum = await asyncio.to_thread(storage.sha256_file, encrypted)
            content = await asyncio.to_thread(encrypted.read_bytes)
            delivery_id = await self._sponsor.deliver(job["sponsor_code"], encrypted.name, content, checksum)
            self._last_fingerprint[study_id] = fingerprint
            return delivery_id
        finally:
            self._running.pop(study_id, None)

    async def audit_trail(self, conn: asyncpg.Connection) -> list[dict[str, Any]]:
        rows: list[dict[str, Any]] = []
        offset = 0
        while True:
            page = await self._audit.page(conn, offset, AUDIT_PAGE_SIZE)
            if not page:
                return rows
            rows.extend(dict(r) for r in page)
            offset += AUDIT_PAGE_SIZE

    async def archive_audit(self) -> Path:
        async with self._db.connection() as conn:
            rows = await self.audit_trail(conn)
        path = Path(self._settings.export_dir) / "audit" / f"audit-{datetime.now(UTC):%Y%m%d}.jsonl"
        await asyncio.to_thread(storage.write_export, path, rows)
        return path

    async def _collect(self, study_id: int) -> list[dict[str, Any]]:
        records: list[dict[str, Any]] = []
        exported_ids: list[int] = []
        async with self._db.connection() as conn:
            participant_ids = await self._participants.ids_for_study(conn, study_id)
            for participant_id in participant_ids:
                for row in await self._forms.latest_for_participant(conn, participant_id):
                    if row["id"] in exported_ids:
                        continue
                    exported_ids.append(row["id"])
                    records.append(
                        {
                            "subject": self._subject_label(participant_id, row["form_definition_id"]),
                            "form_definition_id": row["form_definition_id"],
                            "version": row["version"],
                            "status": row["status"],
                            "data": row["payload"],
                        }
                    )
        return records

    def _manifest(self, study_code: str, job_id: int, records: list[dict[str, Any]], fingerprint: str) -> bytes:
        per_form = Counter(r["form_definition_id"] for r in records)
        body = {
            "study": study_code,
            "job": job_id,
            "records": len(records),
            "forms": {str(k): v for k, v in sorted(per_form.items())},
            "fingerprint": fingerprint,
            "generated_at": datetime.now(UTC).isoformat(),
        }
        return json.dumps(body, indent=2).encode()

    @functools.lru_cache(maxsize=None)
    def _subject_label(self, participant_id: int, form_definition_id: int) -> str:
        return f"P{participant_id:08d}-F{form_definition_id}"

    def _recipient_key(self) -> Path:
        return storage.fetch_recipient_key(self._settings.export_key_url, Path(self._settings.export_dir) / "keys")

    async def _study_code(self, study_id: int) -> str:
        async with self._db.connection() as conn:
            code = await conn.fetchval("SELECT protocol_code FROM studies WHERE id = $1", study_id)
        if code is None:
            raise NotFound(f"study {study_id} not found")
        return code
