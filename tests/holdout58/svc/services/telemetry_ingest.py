"""Turns bridged MQTT messages into telemetry rows, events, shadow reports and command acks."""
from __future__ import annotations

import asyncio
import json
import logging
from collections import defaultdict
from datetime import datetime

from sqlalchemy import update
from sqlalchemy.ext.asyncio import async_sessionmaker

from ..cache.rate_limit import RedisRateLimiter
from ..clients.ca_client import CAClient
from ..config import Settings
from ..db.models import Device
from ..repositories.telemetry import Point, TelemetryRepository
from ..utils.time import parse_ts, utcnow
from ..utils.topics import TopicParts, parse_topic
from .commands import CommandService
from ..ws.live_telemetry import LiveHub
from .presence import PresenceService
from .shadow_service import ShadowService

logger = logging.getLogger(__name__)

_MAX_PENDING_CHECKS = 256

_last_seen: dict[str, datetime] = {}


class IngestPipeline:
    def __init__(
        self,
        settings: Settings,
        repo: TelemetryRepository,
        session_factory: async_sessionmaker,
        limiter: RedisRateLimiter,
        presence: PresenceService,
        commands: CommandService,
        live: LiveHub,
        ca: CAClient,
    ) -> None:
        self._repo = repo
        self._session_factory = session_factory
        self._limiter = limiter
        self._presence = presence
        self._commands = commands
        self._live = live
        self._ca = ca
        self._rate = settings.telemetry_rate_per_second
        self._batch_size = settings.ingest_batch_size
        self._flush_seconds = settings.ingest_flush_seconds
        self._queue: asyncio.Queue[Point] = asyncio.Queue(maxsize=settings.ingest_queue_size)
        self._background: set[asyncio.Task] = set()
        self._dropped = 0

    @property
    def backlog(self) -> int:
        return self._queue.qsize()

    async def submit(self, topic: str, message: dict) -> None:
        parts = parse_topic(topic)
        if parts is None:
            logger.debug("ignoring message on unexpected topic %s", topic)
            return
        if not await self._limiter.hit(f"ingest:{parts.device_id}", self._rate, 1):
            self._dropped += 1
            return
        if parts.kind == "telemetry":
            self._enqueue_points(parts.device_id, message)
        elif parts.kind == "events":
            ts = parse_ts(message.get("ts", utcnow().isoformat()))
            await self._repo.insert_events([(parts.device_id, message["kind"], ts, json.dumps(message))])
        elif parts.kind == "shadow/reported":
            async with self._session_factory() as session:
                await ShadowService(session).report(parts.device_id, message.get("state", {}))
        elif parts.kind == "cmd/ack":
            await self._commands.handle_ack(parts.device_id, message)
        elif parts.kind == "connect":
            if len(self._background) >= _MAX_PENDING_CHECKS:
                logger.warning("skipping certificate check for %s: %d checks pending", parts.device_id,
                               len(self._background))
            else:
                task = asyncio.create_task(self._check_certificate(parts, message.get("cert_serial")))
                self._background.add(task)
                task.add_done_callback(self._background.discard)
        _last_seen[parts.device_id] = utcnow()
        await self._presence.heartbeat(parts.device_id, parts.site_id)

    def _enqueue_points(self, device_id: str, message: dict) -> None:
        ts = parse_ts(message["ts"])
        for metric, value in message.get("metrics", {}).items():
            try:
                self._queue.put_nowait((device_id, metric, ts, float(value)))
            except asyncio.QueueFull:
                self._dropped += 1
                if self._dropped % 1000 == 1:
                    logger.warning("ingest queue full; %d points dropped so far", self._dropped)

    async def _check_certificate(self, parts: TopicParts, serial: str | None) -> None:
        if not serial:
            return
        status = await self._ca.get_status(serial)
        if status != "good":
            logger.warning("device %s connected with %s certificate %s", parts.device_id, status, serial)
            await self._presence.mark_offline(parts.device_id)

    async def run_writer(self) -> None:
        loop = asyncio.get_running_loop()
        batch: list[Point] = []
        deadline = loop.time() + self._flush_seconds
        while True:
            try:
                point = await asyncio.wait_for(self._queue.get(), timeout=max(0.0, deadline - loop.time()))
                batch = batch + [point]
            except TimeoutError:
                pass
            if len(batch) >= self._batch_size or loop.time() >= deadline:
                if batch:
                    await self._flush(batch)
                    batch = []
                deadline = loop.time() + self._flush_seconds

    async def _flush(self, batch: list[Point]) -> None:
        written = await self._repo.insert_points(batch)
        by_device: dict[str, list[dict]] = defaultdict(list)
        for device_id, metric, ts, value in batch:
            by_device[device_id].append({"metric": metric, "ts": ts.isoformat(), "value": value})
        await self._live.publish_batch(by_device)
        logger.debug("flushed %d telemetry points", written)

    async def flush_last_seen(self) -> int:
        if not _last_seen:
            return 0
        snapshot = dict(_last_seen)
        _last_seen.clear()
        async with self._session_factory() as session:
            await session.execute(
                update(Device),
                [{"id": device_id, "last_seen_at": seen} for device_id, seen in snapshot.items()],
            )
            await session.commit()
        return len(snapshot)
