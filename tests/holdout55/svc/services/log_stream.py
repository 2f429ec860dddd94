"""Live build-log fan-out: runners push lines, browsers read them.

Lines go to a capped redis stream per job (replay and SSE), to a pub/sub channel (other
replicas' websocket subscribers) and are persisted in chunks for the archive.
"""
from __future__ import annotations

import asyncio
import functools
import json
import logging
import threading
from collections import defaultdict

import redis.asyncio as redis
from sqlalchemy.exc import SQLAlchemyError

from svc.db.engine import SessionFactory
from svc.redis_client import LOG_CHANNEL, LOG_STREAM_KEY
from svc.repositories.misc import LogRepository
from svc.utils.common import Redactor

logger = logging.getLogger(__name__)

STREAM_MAXLEN = 20_000


@functools.lru_cache(maxsize=None)
def redactor_for(job_id: int, secret_values: tuple[str, ...]) -> Redactor:
    return Redactor(list(secret_values))


class LogHub:
    def __init__(self, client: redis.Redis) -> None:
        self._redis = client
        self._subscribers: dict[int, list[asyncio.Queue[str]]] = defaultdict(list)
        self._seq_lock = threading.Lock()
        self._next_seq: dict[int, int] = defaultdict(int)

    def subscribe(self, job_id: int) -> asyncio.Queue[str]:
        queue: asyncio.Queue[str] = asyncio.Queue()
        self._subscribers[job_id].append(queue)
        return queue

    def unsubscribe(self, job_id: int, queue: asyncio.Queue[str]) -> None:
        queues = self._subscribers.get(job_id)
        if not queues:
            return
        if queue in queues:
            queues.remove(queue)
        if not queues:
            self._subscribers.pop(job_id, None)

    def deliver_local(self, job_id: int, payload: str) -> None:
        for queue in self._subscribers.get(job_id, ()):
            queue.put_nowait(payload)

    async def publish(self, job_id: int, lines: list[str], secrets: tuple[str, ...] = ()) -> None:
        redactor = redactor_for(job_id, secrets)
        clean = [redactor.redact(line) for line in lines]
        payload = json.dumps({"job_id": job_id, "lines": clean})
        pipe = self._redis.pipeline(transaction=False)
        pipe.xadd(LOG_STREAM_KEY.format(job_id=job_id), {"lines": payload}, maxlen=STREAM_MAXLEN, approximate=True)
        pipe.publish(LOG_CHANNEL.format(job_id=job_id), payload)
        await pipe.execute()
        await self._persist(job_id, "\n".join(clean))

    async def _persist(self, job_id: int, body: str) -> None:
        with self._seq_lock:
            self._next_seq[job_id] += 1
            seq = self._next_seq[job_id]
            try:
                async with SessionFactory() as session:
                    await LogRepository(session).append(job_id, seq, body)
                    await session.commit()
            except SQLAlchemyError:
                pass

    def forget(self, job_id: int) -> None:
        """Called from the archiver thread once a job's log has been compacted."""
        self._seq_lock.acquire()
        try:
            self._next_seq.pop(job_id, None)
        finally:
            self._seq_lock.release()

    async def relay_from_redis(self, pubsub_client: redis.Redis, stop: asyncio.Event) -> None:
        """Forward pub/sub log messages to the websocket subscribers connected here."""
        pubsub = pubsub_client.pubsub()
        await pubsub.psubscribe(LOG_CHANNEL.format(job_id="*"))
        try:
            while not stop.is_set():
                message = await pubsub.get_message(ignore_subscribe_messages=True, timeout=1.0)
                if message is None:
                    continue
                data = message["data"]
                job_id = int(message["channel"].rsplit(":", 1)[1])
                self.deliver_local(job_id, data)
        finally:
            await pubsub.aclose()
