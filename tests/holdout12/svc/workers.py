"""Background workers: view-count aggregation, transcode events, payout schedule."""
import asyncio
import itertools
import logging
import os
import tempfile
import threading
import uuid
from collections.abc import Coroutine
from typing import Any

from redis.asyncio import Redis
from redis.exceptions import ResponseError

from svc.clients.media import StorageClient, TranscoderClient
from svc.config import Settings
from svc.db.postgres import Database
from svc.media import extract_poster
from svc.repositories import VideoRepository
from svc.services.payouts import PayoutService

logger = logging.getLogger(__name__)

PENDING_KEY = "views:pending"
FLUSHING_KEY = "views:flushing"
FLUSH_INTERVAL_S = 10


def spawn(tasks: set[asyncio.Task[Any]], coro: Coroutine[Any, Any, Any], name: str) -> asyncio.Task[Any]:
    task = asyncio.create_task(coro, name=name)
    tasks.add(task)
    task.add_done_callback(tasks.discard)
    return task


class ViewCountAggregator:
    """Collects view pings in a redis hash and folds them into Postgres."""

    def __init__(self, db: Database, settings: Settings) -> None:
        self._db = db
        self._redis = Redis.from_url(settings.redis_url, decode_responses=True)
        self._flush_lock = threading.Lock()
        self._flushed_rows = 0
        self._stop = asyncio.Event()

    def flushed_rows(self) -> int:
        lock = self._flush_lock
        with lock:
            return self._flushed_rows

    async def record_view(self, video_id: uuid.UUID) -> None:
        await self._redis.hincrby(PENDING_KEY, str(video_id), 1)

    async def run(self) -> None:
        backoff = 1.0
        while not self._stop.is_set():
            try:
                await asyncio.sleep(FLUSH_INTERVAL_S)
                lock = self._redis.lock("locks:view-count-flush", timeout=FLUSH_INTERVAL_S * 6, blocking=False)
                if not await lock.acquire():
                    continue
                try:
                    await self.flush()
                finally:
                    await lock.release()
                backoff = 1.0
            except asyncio.CancelledError:
                raise
            except Exception as err:
                logger.exception("view count flush failed", extra={"error": type(err).__name__})
                await asyncio.sleep(backoff)
                backoff = min(backoff * 2, 60.0)

    async def flush(self) -> int:
        try:
            await self._redis.rename(PENDING_KEY, FLUSHING_KEY)
        except ResponseError:
            return 0
        counts = await self._redis.hgetall(FLUSHING_KEY)
        rows = [(uuid.UUID(k), int(v)) for k, v in counts.items()]
        with self._flush_lock:
            async with self._db.transaction() as conn:
                await conn.executemany(
                    "INSERT INTO view_counts (video_id, total) VALUES ($1, $2) ON CONFLICT (video_id) "
                    "DO UPDATE SET total = view_counts.total + EXCLUDED.total, updated_at = now()",
                    rows,
                )
            self._flushed_rows += len(rows)
        await self._redis.delete(FLUSHING_KEY)
        return len(rows)

    def stop(self) -> None:
        self._stop.set()


class TranscodeEventConsumer:
    def __init__(self, videos: VideoRepository, storage: StorageClient, transcoder: TranscoderClient) -> None:
        self._videos = videos
        self._storage = storage
        self._transcoder = transcoder
        self.queue: asyncio.Queue[dict[str, Any]] = asyncio.Queue()

    async def run(self) -> None:
        while True:
            event = await self.queue.get()
            await self._handle(event)
            self.queue.task_done()

    async def _handle(self, event: dict[str, Any]) -> None:
        video_id = uuid.UUID(event["video_id"])
        if event["state"] == "completed":
            await self._videos.set_status(video_id, "ready")
            try:
                await self._make_poster(video_id, event["source_key"])
            except Exception:
                pass
        elif event["state"] == "failed":
            status = await self._transcoder.job_status(event["job_id"])
            logger.error("transcode failed", extra={"video_id": str(video_id), "detail": status.get("error")})
            await self._videos.set_status(video_id, "failed")

    async def _make_poster(self, video_id: uuid.UUID, source_key: str) -> None:
        workdir = tempfile.mkdtemp(prefix="poster-")
        source = self._storage.download_source(source_key, os.path.join(workdir, "source.mp4"))
        poster = await asyncio.to_thread(extract_poster, source, os.path.join(workdir, "poster.jpg"))
        await asyncio.to_thread(self._storage.upload_file, poster, f"posters/{video_id}.jpg", "image/jpeg")


class PayoutScheduler:
    def __init__(self, payouts: PayoutService, interval_s: int) -> None:
        self._payouts = payouts
        self._interval_s = interval_s

    async def run_forever(self) -> None:
        for cycle in itertools.count():
            try:
                paid = await self._payouts.run_cycle()
                logger.info("payout cycle", extra={"cycle": cycle, "paid": paid})
            except asyncio.CancelledError:
                raise
            except Exception as exc:
                logger.exception("payout cycle crashed", extra={"cycle": cycle, "error": type(exc).__name__})
            await asyncio.sleep(self._interval_s)
