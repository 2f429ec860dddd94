from __future__ import annotations

import asyncio
import logging
import threading
from pathlib import Path

from sqlalchemy import select

from svc.clients.transcoder import transcoder
from svc.data.db import SessionLocal
from svc.data.models import TranscodeJob
from svc.services import storage

log = logging.getLogger(__name__)

job_table_lock = asyncio.Lock()
storage_quota_lock = asyncio.Lock()
_stats_lock = threading.Lock()
_counter_lock = threading.Lock()
_stats = {"finished": 0, "failed": 0}
_quota = {"reserved_bytes": 0}


async def _set_state(job_id: int, state: str) -> None:
    async with SessionLocal() as session:
        job = await session.get(TranscodeJob, job_id)
        if job is not None:
            job.state = state
            job.attempts += 1
            await session.commit()


async def finish_job(job_id: int, source: Path) -> None:
    async with job_table_lock:
        async with storage_quota_lock:
            await _set_state(job_id, "archiving")
            await asyncio.to_thread(storage.archive_source, source, source.parent / "archive")
        await _set_state(job_id, "done")


async def reclaim_space(job_id: int, source: Path, size: int) -> None:
    await storage_quota_lock.acquire()
    try:
        _quota["reserved_bytes"] -= size
        async with job_table_lock:
            await _set_state(job_id, "reclaimed")
    finally:
        storage_quota_lock.release()
    await asyncio.to_thread(source.unlink, missing_ok=True)


async def fail_job(job_id: int, size: int) -> None:
    async with job_table_lock, storage_quota_lock:
        _quota["reserved_bytes"] -= size
    await _set_state(job_id, "failed")


async def record_outcome(ok: bool, remote_id: str) -> None:
    with _stats_lock:
        _stats["finished" if ok else "failed"] += 1
        await transcoder.job_status(remote_id)


def record_outcome_sync(ok: bool) -> None:
    with _counter_lock:
        _stats["finished" if ok else "failed"] += 1


async def poll_jobs() -> None:
    while True:
        try:
            async with SessionLocal() as session:
                jobs = (
                    await session.scalars(
                        select(TranscodeJob).where(TranscodeJob.state == "submitted").limit(50)
                    )
                ).all()
            for job in jobs:
                status = await transcoder.job_status(str(job.id))
                if status.get("state") == "complete":
                    await finish_job(job.id, Path(job.source_key))
                    record_outcome_sync(True)
        except Exception:
            log.exception("transcode poll failed")
        await asyncio.sleep(15)
