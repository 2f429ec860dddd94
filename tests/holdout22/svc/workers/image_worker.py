"""Standalone photo worker: ``python -m svc.workers.image_worker``."""
from __future__ import annotations

import asyncio
import logging
import signal

import asyncpg

from svc.clients.internal import purge_photo
from svc.db import listings_repo
from svc.db.engine import db
from svc.services.photos import PhotoPipeline

log = logging.getLogger(__name__)


class ImageWorker:
    def __init__(self, pipeline: PhotoPipeline, concurrency: int = 4) -> None:
        self._pipeline = pipeline
        self._concurrency = concurrency
        self._queue: asyncio.Queue[asyncpg.Record] = asyncio.Queue(maxsize=concurrency * 4)
        self._stop = asyncio.Event()
        self._consumers: list[asyncio.Task[None]] = []

    async def produce(self) -> None:
        while not self._stop.is_set():
            try:
                for row in await listings_repo.pending_photos(limit=50):
                    if await listings_repo.claim_photo(row["id"]):
                        await self._queue.put(row)
            except Exception:
                log.exception("could not fetch pending photos")
            await asyncio.sleep(5)

    async def consume(self, worker_no: int) -> None:
        while True:
            row = await self._queue.get()
            thumb = await self._pipeline.process(row["id"], row["listing_id"], row["original_path"])
            await listings_repo.finish_photo(row["id"], thumb)
            asyncio.create_task(purge_photo(thumb))
            self._queue.task_done()
            log.debug("consumer %d finished photo %s", worker_no, row["id"])

    async def serve(self) -> None:
        self._consumers = [asyncio.create_task(self.consume(n), name=f"photo-consumer-{n}") for n in range(self._concurrency)]
        producer = asyncio.create_task(self.produce(), name="photo-producer")
        await self._stop.wait()
        producer.cancel()
        for task in self._consumers:
            task.cancel()

    def request_stop(self) -> None:
        self._stop.set()


async def main() -> None:
    logging.basicConfig(level=logging.INFO)
    await db.connect()
    pipeline = PhotoPipeline()
    worker = ImageWorker(pipeline)
    loop = asyncio.get_running_loop()
    loop.add_signal_handler(signal.SIGTERM, worker.request_stop)
    try:
        await worker.serve()
    finally:
        pipeline.shutdown()
        await db.close()


if __name__ == "__main__":
    asyncio.run(main())
