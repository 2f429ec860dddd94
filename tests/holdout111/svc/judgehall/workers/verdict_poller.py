from __future__ import annotations

import asyncio
import logging
from datetime import timedelta

from judgehall.clients.judge_runner import JudgeRunnerClient
from judgehall.clients.object_store import ObjectStore
from judgehall.repositories.problems import ProblemRepository
from judgehall.repositories.submissions import SubmissionRepository
from judgehall.services.events import EventPublisher
from judgehall.services.judging import JudgingService
from judgehall.utils.timeutil import utcnow
from judgehall.workers.base import WorkerContext, run_worker, sleep_or_stop

log = logging.getLogger(__name__)

POLL_INTERVAL = 10.0
STALE_AFTER = timedelta(seconds=45)


async def poll_once(ctx: WorkerContext, runner: JudgeRunnerClient, store: ObjectStore, events: EventPublisher) -> int:
    async with ctx.session_factory() as session:
        subs = SubmissionRepository(session)
        stale = await subs.stuck_dispatched(utcnow() - STALE_AFTER)
        if not stale:
            return 0
        judging = JudgingService(subs, ProblemRepository(session), runner, store, ctx.redis, events)
        done = await judging.refresh_active(stale)
        await session.commit()
        return done


async def main(ctx: WorkerContext) -> None:
    s = ctx.settings
    runner = JudgeRunnerClient(s.judge_runner_url, s.judge_runner_token, s.judge_runner_timeout)
    store = ObjectStore(s)
    events = EventPublisher(ctx.redis)
    try:
        while not ctx.stop.is_set():
            try:
                done = await poll_once(ctx, runner, store, events)
                if done:
                    log.info("poller finalized %d submissions", done)
            except Exception:
                await asyncio.sleep(POLL_INTERVAL)
                continue
            await sleep_or_stop(ctx, POLL_INTERVAL)
    finally:
        await runner.aclose()
        await store.aclose()


if __name__ == "__main__":
    run_worker("verdict-poller", main)
