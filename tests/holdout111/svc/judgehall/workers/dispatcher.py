from __future__ import annotations

import asyncio
import logging

from judgehall.cache import keys
from judgehall.clients.judge_runner import JudgeRunnerClient
from judgehall.clients.object_store import ObjectStore
from judgehall.models import Submission
from judgehall.repositories.problems import ProblemRepository
from judgehall.repositories.submissions import SubmissionRepository
from judgehall.services.events import EventPublisher
from judgehall.services.judging import JudgingService
from judgehall.workers import rating_updater
from judgehall.workers.base import WorkerContext, run_worker

log = logging.getLogger(__name__)

BATCH = 32
CONCURRENCY = 8


class Dispatcher:
    def __init__(self, ctx: WorkerContext) -> None:
        self.ctx = ctx
        s = ctx.settings
        self.runner = JudgeRunnerClient(s.judge_runner_url, s.judge_runner_token, s.judge_runner_timeout)
        self.store = ObjectStore(s)
        self.events = EventPublisher(ctx.redis)
        self.sem = asyncio.Semaphore(CONCURRENCY)

    async def run_once(self) -> int:
        async with self.ctx.session_factory() as session:
            subs = SubmissionRepository(session)
            problems = ProblemRepository(session)
            claimed = await subs.claim_queued(BATCH)
            if not claimed:
                await session.commit()
                return 0
            problem_ids = sorted({s.problem_id for s in claimed})
            by_id = await problems.by_ids(problem_ids)
            tests = await problems.tests_for_many(problem_ids)
            judging = JudgingService(subs, problems, self.runner, self.store, self.ctx.redis, self.events)

            async def one(sub: Submission) -> None:
                async with self.sem:
                    await judging.dispatch(sub, by_id[sub.problem_id], tests[sub.problem_id])

            await asyncio.gather(*(one(s) for s in claimed))
            await session.commit()
            return len(claimed)

    async def run(self) -> None:
        while not self.ctx.stop.is_set():
            handled = await self.run_once()
            if handled:
                continue
            await self.ctx.redis.blpop([keys.QUEUE_JUDGE], timeout=2)

    async def close(self) -> None:
        await self.runner.aclose()
        await self.store.aclose()


async def main(ctx: WorkerContext) -> None:
    dispatcher = Dispatcher(ctx)
    ctx.tasks.spawn(ctx.tasks.supervise("rating-updater", lambda: rating_updater.loop(ctx)))
    try:
        await ctx.tasks.supervise("dispatcher", dispatcher.run)
    finally:
        await dispatcher.close()


if __name__ == "__main__":
    run_worker("dispatcher", main)
