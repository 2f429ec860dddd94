"""Builds the proceedings archive (PDFs + table of contents) for queued export jobs.

Run with ``python -m confer.workers.proceedings_export``.
"""
from __future__ import annotations

import asyncio
import json
import logging
import os
import zipfile
from pathlib import Path

from ..core.container import Container
from ..repositories.outbox import ExportRepository
from ..repositories.submissions import SubmissionRepository
from ..repositories.users import UserRepository
from ..services.proceedings import ProceedingsService
from .runner import run_periodic

log = logging.getLogger(__name__)


async def export_one(container: Container, job) -> str:
    async with container.sessionmaker() as session:
        svc = ProceedingsService(SubmissionRepository(container.pool), UserRepository(session), container.storage)
        entries = await svc.with_pdfs(job["conference_id"])
    toc = ProceedingsService.table_of_contents(entries)

    out_dir = Path(container.settings.export_dir)
    await asyncio.to_thread(os.makedirs, out_dir, exist_ok=True)
    archive = out_dir / f"proceedings-{job['conference_id']}-{job['id']}.zip"
    with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("toc.json", json.dumps(toc, indent=2))
        for e in entries:
            zf.writestr(f"papers/{e['track_id']}-{e['number']:04d}.pdf", e["pdf"])

    key = f"exports/{archive.name}"
    data = await asyncio.to_thread(archive.read_bytes)
    await container.storage.put_object(key, data, content_type="application/zip")
    return key


async def process_jobs(container: Container) -> None:
    repo = ExportRepository(container.pool)
    while (job := await repo.claim_next()) is not None:
        try:
            key = await export_one(container, job)
        except Exception:
            log.error("export failed")
            await repo.fail(job["id"])
            continue
        await repo.complete(job["id"], key)
        log.info("export job %s done -> %s", job["id"], key)


async def main() -> None:
    await run_periodic("proceedings-export", process_jobs, interval=30)


if __name__ == "__main__":
    asyncio.run(main())
