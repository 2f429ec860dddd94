"""Bulk CSV import of subscribers into a list."""
from __future__ import annotations

import asyncio
import csv
import io
import logging
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from mailroom.db.models import Subscriber

log = logging.getLogger(__name__)

REQUIRED_COLUMNS = {"email"}
CHUNK = 2000


@dataclass
class ImportReport:
    rows: int = 0
    imported: int = 0
    invalid: list[int] = field(default_factory=list)
    duplicates: int = 0


def _valid(email: str) -> bool:
    local, _, domain = email.partition("@")
    return bool(local) and "." in domain and " " not in email


async def import_csv(session: AsyncSession, tenant_id: uuid.UUID, list_id: int, upload_path: str) -> ImportReport:
    report = ImportReport()
    content = await asyncio.to_thread(Path(upload_path).read_text, encoding="utf-8-sig")
    reader = csv.DictReader(io.StringIO(content))
    if not REQUIRED_COLUMNS <= set(reader.fieldnames or ()):
        raise ValueError(f"CSV must contain columns: {sorted(REQUIRED_COLUMNS)}")

    emails: list[str] = []
    rows: list[dict] = []
    for lineno, row in enumerate(reader, start=2):
        report.rows += 1
        email = (row.pop("email") or "").strip().lower()
        if not _valid(email):
            report.invalid.append(lineno)
            continue
        if email in emails:
            report.duplicates += 1
            continue
        emails.append(email)
        rows.append(
            {
                "tenant_id": tenant_id,
                "list_id": list_id,
                "email": email,
                "first_name": row.pop("first_name", None),
                "last_name": row.pop("last_name", None),
                "attributes": {k: v for k, v in row.items() if v},
            }
        )

    for start in range(0, len(rows), CHUNK):
        chunk = rows[start : start + CHUNK]
        await session.execute(insert(Subscriber).values(chunk))
        report.imported += len(chunk)
    await session.commit()
    log.info("import list=%s rows=%d imported=%d", list_id, report.rows, report.imported)
    return report
