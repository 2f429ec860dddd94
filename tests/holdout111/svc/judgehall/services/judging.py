from __future__ import annotations

import logging
from typing import Any

from redis.asyncio import Redis
from sqlalchemy.exc import IntegrityError

from judgehall.cache import keys
from judgehall.clients.judge_runner import (
    JobRequest,
    JobStatus,
    JudgeRunnerClient,
    parse_verdict,
)
from judgehall.clients.object_store import ObjectStore
from judgehall.errors import Forbidden, JudgeRunnerError, NotFound, UpstreamUnavailable
from judgehall.models import Problem, Submission, SubmissionStatus, TestCase, Verdict
from judgehall.repositories.problems import ProblemRepository
from judgehall.repositories.submissions import SubmissionRepository
from judgehall.services.events import EventPublisher
from judgehall.utils.timeutil import utcnow

log = logging.getLogger(__name__)

ACTIVE = (SubmissionStatus.DISPATCHED, SubmissionStatus.RUNNING)


class JudgingService:
    def __init__(
        self,
        submissions: SubmissionRepository,
        problems: ProblemRepository,
        runner: JudgeRunnerClient,
        store: ObjectStore,
        redis: Redis,
        events: EventPublisher,
        callback_base: str | None = None,
    ) -> None:
        self.submissions = submissions
        self.problems = problems
        self.runner = runner
        self.store = store
        self.redis = redis
        self.events = events
        self.callback_base = callback_base

    def _job_for(self, sub: Submission, problem: Problem, tests: list[TestCase]) -> JobRequest:
        return JobRequest(
            submission_id=sub.id,
            language=sub.language,
            source_url=self.store.presign(sub.source_key, ttl=3600),
            problem_id=problem.id,
            tests_version=problem.tests_version,
            time_limit_ms=problem.time_limit_ms,
            memory_limit_mb=problem.memory_limit_mb,
            checker=problem.checker,
            tests=[
                {
                    "ordinal": t.ordinal,
                    "input_url": self.store.presign(t.input_key, ttl=3600),
                    "answer_url": self.store.presign(t.answer_key, ttl=3600),
                    "weight": t.weight,
                }
                for t in tests
            ],
            callback_url=f"{self.callback_base}/internal/judge/callback" if self.callback_base else None,
        )

    async def dispatch(self, sub: Submission, problem: Problem, tests: list[TestCase]) -> None:
        job = self._job_for(sub, problem, tests)
        try:
            job_id = await self.runner.breaker.call(self.runner.submit_job, job)
        except (JudgeRunnerError, UpstreamUnavailable):
            log.exception("dispatch failed for submission %s", sub.id)
            sub.status = SubmissionStatus.FAILED
            sub.verdict = Verdict.SYSTEM_ERROR
            sub.judged_at = utcnow()
            await self.events.publish_submission(sub)
            return
        sub.judge_job_id = job_id
        sub.status = SubmissionStatus.DISPATCHED

    async def cancel(self, sub: Submission) -> None:
        if sub.judge_job_id and sub.status in ACTIVE:
            await self.runner.cancel(sub.judge_job_id)
        sub.status = SubmissionStatus.QUEUED
        sub.judge_job_id = None

    async def poll(self, submission_id: int, user_id: int, is_jury: bool) -> Submission:
        sub = await self.submissions.get(submission_id)
        if sub is None:
            raise NotFound("submission not found")
        if sub.user_id != user_id and not is_jury:
            raise Forbidden("not your submission")
        if sub.status in ACTIVE and sub.judge_job_id:
            status = await self.runner.get_status(sub.judge_job_id)
            if status.finished:
                await self.record_verdict(sub, status)
        return sub

    async def refresh_active(self, subs: list[Submission]) -> int:
        by_job = {s.judge_job_id: s for s in subs if s.judge_job_id}
        if not by_job:
            return 0
        statuses = await self.runner.breaker.call(self.runner.get_status_many, list(by_job))
        done = 0
        for status in statuses:
            sub = by_job.get(status.job_id)
            if sub is not None and status.finished:
                await self.record_verdict(sub, status)
                done += 1
        return done

    async def handle_callback(self, job_id: str, payload: dict[str, Any]) -> bool:
        fresh = await self.redis.set(f"judge:callback:{job_id}", "1", nx=True, ex=3600)
        if not fresh:
            return False
        sub = await self.submissions.by_job_id(job_id)
        if sub is None:
            log.warning("callback for unknown job %s", job_id)
            return False
        status = JobStatus(
            job_id=job_id,
            state=payload.get("state", "done"),
            verdict=parse_verdict(payload),
            failed_test=payload.get("failed_test"),
            time_ms=payload.get("time_ms"),
            memory_kb=payload.get("memory_kb"),
            tests=payload.get("tests", []),
        )
        await self.record_verdict(sub, status)
        return True

    async def record_verdict(self, sub: Submission, status: JobStatus) -> None:
        if sub.status == SubmissionStatus.JUDGED:
            return
        sub.status = SubmissionStatus.JUDGED
        sub.verdict = status.verdict or Verdict.SYSTEM_ERROR
        sub.failed_test = status.failed_test
        sub.time_ms = status.time_ms
        sub.memory_kb = status.memory_kb
        sub.judged_at = utcnow()

        rows = [
            {
                "test_case_id": t["test_case_id"],
                "verdict": Verdict(t["verdict"]),
                "time_ms": t.get("time_ms", 0),
                "memory_kb": t.get("memory_kb", 0),
                "checker_message": (t.get("message") or "")[:512] or None,
            }
            for t in status.tests
        ]
        try:
            await self.submissions.save_results(sub.id, rows)
        except IntegrityError:
            pass

        if sub.verdict == Verdict.ACCEPTED:
            problem = await self.problems.get(sub.problem_id)
            if problem is not None:
                problem.solved_count = problem.solved_count + 1
            await self._announce_first_solve(sub)

        await self.events.publish_submission(sub)
        await self.events.publish_scoreboard(
            sub.contest_id, {"submission_id": sub.id, "team_id": sub.team_id, "problem_id": sub.problem_id}
        )

    async def _announce_first_solve(self, sub: Submission) -> None:
        key = keys.first_solve(sub.contest_id, sub.problem_id)
        holder = await self.redis.get(key)
        if holder is None:
            await self.redis.set(key, str(sub.team_id or sub.user_id))
            await self.events.publish_scoreboard(
                sub.contest_id, {"first_solve": True, "problem_id": sub.problem_id, "team_id": sub.team_id}
            )
