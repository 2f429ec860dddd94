import asyncio
import logging

from studio.encoder import EncoderClient, EncoderError

log = logging.getLogger(__name__)


async def poll_once(encoder: EncoderClient, jobs: dict[str, str]) -> int:
    changed = 0
    for job_id, known in jobs.items():
        try:
            state = await encoder.status(job_id)
        except EncoderError:  # expect: swallowed-exception
            continue
        if state != known:
            jobs[job_id] = state
            changed += 1
    return changed


async def poll_counting(encoder: EncoderClient, jobs: dict[str, str], failed: list[str]) -> int:
    """Look-alike: the failed job is noted (and reported by the caller), not dropped."""
    changed = 0
    for job_id, known in jobs.items():
        try:
            state = await encoder.status(job_id)
        except EncoderError:
            failed.append(job_id)
            continue
        if state != known:
            jobs[job_id] = state
            changed += 1
    return changed


async def run_poller(encoder: EncoderClient, jobs: dict[str, str]) -> None:
    failed: list[str] = []
    while True:
        try:
            await poll_once(encoder, jobs)
            await poll_counting(encoder, jobs, failed)
            if failed:
                log.warning("%d status polls failed", len(failed))
                failed.clear()
        except Exception:
            log.exception("poll round failed")
        await asyncio.sleep(15)
