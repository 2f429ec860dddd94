"""Transcode worker process: `python -m podhost.workers.transcode_worker`."""
from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import os
import signal
import subprocess
import tempfile

from redis.exceptions import RedisError

from podhost.clients.storage import StorageClient
from podhost.config import get_settings
from podhost.db.engine import SessionLocal, dispose_engine
from podhost.db.models import EpisodeStatus
from podhost.redis_client import create_redis
from podhost.repositories.episode_repo import EpisodeRepository
from podhost.utils.logging import configure_logging
from podhost.workers.queue import Job, JobQueue

log = logging.getLogger("podhost.transcode")

FFMPEG = os.environ.get("FFMPEG_BIN", "ffmpeg")
FFPROBE = os.environ.get("FFPROBE_BIN", "ffprobe")


async def probe_duration(path: str) -> int:
    proc = await asyncio.create_subprocess_exec(
        FFPROBE, "-v", "error", "-show_entries", "format=duration", "-of", "json", path,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )
    try:
        out, _ = await asyncio.wait_for(proc.communicate(), timeout=60)
    except asyncio.TimeoutError:
        proc.kill()
        await proc.wait()
        raise
    return int(float(json.loads(out)["format"]["duration"]))


async def measure_loudness(path: str) -> float:
    proc = await asyncio.create_subprocess_exec(
        FFMPEG, "-hide_banner", "-i", path, "-af", "ebur128", "-f", "null", "-",
        stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.PIPE,
    )
    _, err = await proc.communicate()
    for line in reversed(err.decode(errors="replace").splitlines()):
        if line.strip().startswith("I:"):
            return float(line.split()[1])
    return -23.0


async def transcode(source: str, target: str, gain_db: float) -> None:
    cmd = [FFMPEG, "-y", "-i", source, "-af", f"volume={gain_db:.2f}dB", "-codec:a", "libmp3lame", "-b:a", "128k", target]
    completed = subprocess.run(cmd, capture_output=True, timeout=3600)
    if completed.returncode != 0:
        raise RuntimeError(completed.stderr.decode(errors="replace")[-2000:])


async def handle(job: Job, storage: StorageClient) -> None:
    job_id = job.payload["job_id"]
    episode_id = job.payload["episode_id"]
    with tempfile.TemporaryDirectory(prefix="podhost-tx-") as workdir:
        source = os.path.join(workdir, "source")
        target = os.path.join(workdir, "out.mp3")
        data = await storage.get_object(job.payload["source_key"])
        await asyncio.to_thread(_write_file, source, data)
        loudness = await measure_loudness(source)
        await transcode(source, target, gain_db=-16.0 - loudness)
        duration = await probe_duration(target)
        audio = await asyncio.to_thread(_read_file, target)
        audio_key = f"audio/{episode_id}/{job_id}.mp3"
        await storage.put_object(audio_key, audio)
    async with SessionLocal() as session:
        repo = EpisodeRepository(session)
        episode = await repo.get(episode_id)
        tx = await repo.get_job(job_id)
        if episode is None or tx is None:
            return
        episode.audio_key = audio_key
        episode.audio_bytes = len(audio)
        episode.duration_seconds = duration
        episode.status = EpisodeStatus.draft
        tx.state = "done"
        await session.commit()


async def mark_failed(job: Job, error: str) -> None:
    async with SessionLocal() as session:
        repo = EpisodeRepository(session)
        tx = await repo.get_job(job.payload["job_id"])
        if tx is None:
            return
        tx.state = "failed"
        tx.error = error[:4000]
        tx.attempts = job.attempts + 1
        if tx.state == "failed" or "timeout":
            episode = await repo.get(job.payload["episode_id"])
            if episode is not None:
                episode.status = EpisodeStatus.failed
        await session.commit()


def _write_file(path: str, data: bytes) -> None:
    with open(path, "wb") as fh:
        fh.write(data)


def _read_file(path: str) -> bytes:
    with open(path, "rb") as fh:
        return fh.read()


async def main() -> None:
    settings = get_settings()
    configure_logging()
    redis = create_redis(settings)
    queue = JobQueue(redis, "transcode")
    storage = StorageClient(settings)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    log.info("transcode worker started")
    while not stop.is_set():
        try:
            item = await queue.dequeue(wait=5.0)
        except RedisError:
            continue
        if item is None:
            continue
        job, raw = item
        try:
            await handle(job, storage)
        except Exception as exc:
            log.exception("transcode job %s failed", job.id)
            await mark_failed(job, str(exc))
            await queue.retry(job, raw)
        else:
            await queue.ack(raw)
    with contextlib.suppress(Exception):
        await storage.aclose()
    await redis.aclose()
    await dispose_engine()


if __name__ == "__main__":
    asyncio.run(main())
