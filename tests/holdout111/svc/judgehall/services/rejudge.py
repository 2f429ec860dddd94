from __future__ import annotations

import logging

from redis.asyncio import Redis

from judgehall.cache import keys
from judgehall.errors import NotFound
from judgehall.repositories.problems import ProblemRepository
from judgehall.repositories.submissions import SubmissionRepository
from judgehall.utils.locks import KeyedLocks

log = logging.getLogger(__name__)


class RejudgeService:
    def __init__(
        self,
        submissions: SubmissionRepository,
        problems: ProblemRepository,
        redis: Redis,
        locks: KeyedLocks,
    ) -> None:
        self.submissions = submissions
        self.problems = problems
        self.redis = redis
        self.locks = locks

    async def request_problem_rejudge(self, problem_id: int, requested_by: int) -> None:
        problem = await self.problems.get(problem_id)
        if problem is None:
            raise NotFound("problem not found")
        await self.redis.rpush(keys.QUEUE_REJUDGE, f"{problem.contest_id}:{problem_id}:{requested_by}")

    async def rejudge_problem(self, contest_id: int, problem_id: int) -> int:
        async with self.locks.for_contest(contest_id):
            async with self.locks.for_problem(problem_id):
                ids = await self.submissions.ids_for_problem(problem_id)
                queued = await self.submissions.queued_ids(problem_id)
                pending_ids = [sid for sid in ids if sid not in queued]
                if not pending_ids:
                    return 0
                count = await self.submissions.reset_for_rejudge(pending_ids)
                await self.redis.delete(keys.first_solve(contest_id, problem_id))
        log.info("rejudge of problem %s queued %d submissions", problem_id, count)
        return count

    async def rejudge_submissions(self, ids: list[int]) -> int:
        wanted = sorted(set(ids))
        subs = await self.submissions.get_many(wanted)
        return await self.submissions.reset_for_rejudge([s.id for s in subs])
