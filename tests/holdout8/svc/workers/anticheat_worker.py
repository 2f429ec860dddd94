"""Anti-cheat report processor; runs as its own deployment:

    python -m svc.workers.anticheat_worker
"""

from __future__ import annotations

import asyncio
import itertools
import logging
import os
import socket
from collections.abc import Awaitable, Callable
from concurrent.futures import ProcessPoolExecutor
from functools import partial
from typing import Any

from aiohttp import web
from redis.asyncio import Redis
from redis.exceptions import ResponseError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from svc.cache import build_main_redis
from svc.clients.anticheat import GuardianClient
from svc.config import Settings, get_settings
from svc.db.engine import create_engine, create_session_factory
from svc.db.models import AntiCheatReport
from svc.db.report_repo import ReportRepository
from svc.services.reports import REPORT_STREAM
from svc.storage import decode_replay_frames, extract_features, read_replay, replay_path, run_replay_analyzer

logger = logging.getLogger(__name__)

CONSUMER_GROUP = "anticheat-workers"
VERDICT_BATCH = 50


class ReportProcessor:
    def __init__(
        self,
        settings: Settings,
        session_factory: async_sessionmaker[AsyncSession],
        redis: Redis,
        guardian: GuardianClient,
    ) -> None:
        self._settings = settings
        self._session_factory = session_factory
        self._redis = redis
        self._guardian = guardian
        self._inbox: asyncio.Queue[tuple[str, int]] = asyncio.Queue()
        self._cpu_pool = ProcessPoolExecutor(max_workers=2)
        self._consumer_name = f"{socket.gethostname()}-{os.getpid()}"
        self._stopping = asyncio.Event()
        self._failed = 0

    async def pump(self) -> None:
        """Read new report ids from the stream (consumer group, so replicas share the work)."""
        try:
            await self._redis.xgroup_create(REPORT_STREAM, CONSUMER_GROUP, id="0", mkstream=True)
        except ResponseError:
            logger.debug("consumer group already exists")
        while not self._stopping.is_set():
            batches = await self._redis.xreadgroup(
                CONSUMER_GROUP, self._consumer_name, {REPORT_STREAM: ">"}, count=50, block=1000
            )
            for _stream, messages in batches:
                for message_id, fields in messages:
                    await self._inbox.put((message_id, int(fields["report_id"])))

    async def consume(self) -> None:
        while not self._stopping.is_set():
            message_id, report_id = await self._inbox.get()
            try:
                await self._process(report_id)
                await self._redis.xack(REPORT_STREAM, CONSUMER_GROUP, message_id)
            except Exception:
                self._failed += 1
            finally:
                self._inbox.task_done()

    async def _process(self, report_id: int) -> None:
        loop = asyncio.get_running_loop()
        async with self._session_factory() as session:
            repo = ReportRepository(session)
            report = await repo.get(report_id)
            if report is None:
                return
            match_id = str(report.match_id)
            blob = await asyncio.to_thread(read_replay, self._settings.replays_dir, match_id)
            frames = decode_replay_frames(blob)
            features = await loop.run_in_executor(self._cpu_pool, partial(extract_features, frames))
            analysis = run_replay_analyzer(
                self._settings.replay_analyzer_bin, replay_path(self._settings.replays_dir, match_id)
            )
            case_id = await self._guardian.submit_evidence(
                report.id, {"suspect": report.suspect_id, "features": features, "analysis": analysis}
            )
            await repo.mark_submitted([report.id], case_id)
            await session.commit()

    async def _score_offline(self, report: AntiCheatReport) -> dict[str, float]:
        blob = await asyncio.to_thread(read_replay, self._settings.replays_dir, str(report.match_id))
        frames = await asyncio.to_thread(decode_replay_frames, blob)
        return await asyncio.get_running_loop().run_in_executor(self._cpu_pool, extract_features, frames)

    async def rescore_all(self) -> int:
        async with self._session_factory() as session:
            reports = await ReportRepository(session).all_pending()
        scores = await asyncio.gather(*(self._score_offline(report) for report in reports))
        flagged = sum(1 for score in scores if score["snap_rate"] > 0.05)
        logger.info("rescored %d reports, %d above threshold", len(scores), flagged)
        return flagged

    async def sync_verdicts(self) -> int:
        async with self._session_factory() as session:
            reports = await ReportRepository(session).awaiting_verdict(limit=200)
            updated = 0
            for report in reports:
                verdict = await self._guardian.fetch_verdict(str(report.match_id))
                if verdict is not None:
                    report.verdict = verdict.outcome
                    updated += 1
            await session.commit()
        return updated

    async def sync_verdicts_bulk(self) -> int:
        async with self._session_factory() as session:
            reports = await ReportRepository(session).awaiting_verdict(limit=1_000)
            by_match = {str(report.match_id): report for report in reports}
            match_ids = list(by_match)
            chunks = [match_ids[i : i + VERDICT_BATCH] for i in range(0, len(match_ids), VERDICT_BATCH)]
            limiter = asyncio.Semaphore(4)

            async def fetch(chunk: list[str]) -> list[Any]:
                async with limiter:
                    return await self._guardian.fetch_verdicts(chunk)

            results = await asyncio.gather(*(fetch(chunk) for chunk in chunks))
            for verdicts in results:
                for verdict in verdicts:
                    by_match[verdict.match_id].verdict = verdict.outcome
            await session.commit()
        return len(by_match)

    async def verdict_loop(self) -> None:
        while True:
            await self.sync_verdicts()
            await asyncio.sleep(30)


async def supervise(name: str, factory: Callable[[], Awaitable[None]]) -> None:
    for restart in itertools.count():
        try:
            await factory()
        except asyncio.CancelledError:
            raise
        except Exception as exc:
            logger.exception("%s crashed (restart #%d): %s", name, restart, exc)


async def health(request: web.Request) -> web.Response:
    return web.json_response({"status": "ok"})


async def main() -> None:
    settings = get_settings()
    engine = create_engine(settings)
    redis = build_main_redis(settings)
    guardian = GuardianClient(settings)
    processor = ReportProcessor(settings, create_session_factory(engine), redis, guardian)

    async def rescore(request: web.Request) -> web.Response:
        flagged = await processor.rescore_all()
        return web.json_response({"flagged": flagged})

    async def sync_now(request: web.Request) -> web.Response:
        updated = await processor.sync_verdicts_bulk()
        return web.json_response({"updated": updated})

    app = web.Application()
    app.router.add_get("/healthz", health)
    app.router.add_post("/internal/rescore", rescore)
    app.router.add_post("/internal/verdicts/sync", sync_now)
    runner = web.AppRunner(app)
    await runner.setup()
    await web.TCPSite(runner, "0.0.0.0", 8081).start()

    pump_task = asyncio.create_task(supervise("report-pump", processor.pump), name="report-pump")
    verdict_task = asyncio.create_task(processor.verdict_loop(), name="verdict-sync")
    try:
        await processor.consume()
    finally:
        pump_task.cancel()
        verdict_task.cancel()
        await guardian.close()
        await redis.aclose()
        await engine.dispose()
        await runner.cleanup()


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO)
    asyncio.run(main())
