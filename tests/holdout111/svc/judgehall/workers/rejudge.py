from __future__ import annotations

import asyncio
import logging

from judgehall.cache import keys
from judgehall.repositories.problems import ProblemRepository
from judgehall.repositories.submissions import SubmissionRepository
from judgehall.services.rejudge import RejudgeService
from judgehall.services.scoreboard import ScoreboardService
from judgehall.utils.locks import KeyedLocks
from judgehall.workers.base import WorkerContext, run_worker

log = logging.getLogger(__name__)

MAX_PARALLEL = 4


class RejudgeWorker:
    def __init__(self, ctx: WorkerContext) -> None:
        self.ctx = ctx
        self.locks = KeyedLocks()
        self.scoreboard = ScoreboardService(ctx.session_factory, ctx.redis, ctx.settings.scoreboard_cache_ttl)
        self._inflight: set[int] = set()
        self._slots = asyncio.Semaphore(MAX_PARALLEL)
        self._tasks: set[asyncio.Task[None]] = set()

    async def handle(self, raw: str) -> None:
        contest_id, problem_id, requested_by = (int(x) for x in raw.split(":"))
        if problem_id in self._inflight:
            log.info("rejudge of problem %s already running, skipping", problem_id)
            return
        async with self.ctx.session_factory() as session:
            problem = await ProblemRepository(session).get(problem_id)
            if problem is None or problem.contest_id != contest_id:
                log.warning("rejudge request for unknown problem %s", problem_id)
                return
            self._inflight.add(problem_id)
            try:
                service = RejudgeService(
                    SubmissionRepository(session), ProblemRepository(session), self.ctx.redis, self.locks
                )
                count = await service.rejudge_problem(contest_id, problem_id)
                await session.commit()
            finally:
                self._inflight.discard(problem_id)
        log.info("rejudge by user %s: %d submissions of problem %s requeued", requested_by, count, problem_id)
        await self.ctx.redis.lpush(keys.QUEUE_JUDGE, f"rejudge:{problem_id}")
        self.scoreboard.invalidate(contest_id)

    async def _guarded(self, raw: str) -> None:
        try:
            await self.handle(raw)
        except Exception:
            log.exception("rejudge request %r failed", raw)
            raise
        finally:
            self._slots.release()

    async def run(self) -> None:
        while not self.ctx.stop.is_set():
            item = await self.ctx.redis.blpop([keys.QUEUE_REJUDGE], timeout=5)
            if item is None:
                continue
            await self._slots.acquire()
            task = asyncio.create_task(self._guarded(item[1]))
            self._tasks.add(task)
            task.add_done_callback(self._tasks.discard)
        if self._tasks:
            await asyncio.gather(*self._tasks, return_exceptions=True)


async def main(ctx: WorkerContext) -> None:
    await RejudgeWorker(ctx).run()


if __name__ == "__main__":
    run_worker("rejudge", main)
