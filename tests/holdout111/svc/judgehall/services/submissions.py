from __future__ import annotations

import difflib
import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from redis.asyncio import Redis

from judgehall.cache import keys
from judgehall.clients.object_store import ObjectStore, source_key
from judgehall.errors import Forbidden, NotFound, RateLimited, ValidationFailed
from judgehall.models import Submission, SubmissionStatus
from judgehall.repositories.contests import ContestRepository
from judgehall.repositories.problems import ProblemRepository
from judgehall.repositories.submissions import SubmissionRepository
from judgehall.services.compile_check import CompileChecker
from judgehall.services.contests import is_running
from judgehall.services.events import EventPublisher
from judgehall.settings import Settings
from judgehall.utils.files import sha256_hex
from judgehall.utils.ratelimit import SlidingWindowLimiter
from judgehall.utils.timeutil import utcnow

log = logging.getLogger(__name__)

LANGUAGE_ALIASES = {
    "c++": "cpp17",
    "cpp": "cpp17",
    "cpp17": "cpp17",
    "c": "c11",
    "c11": "c11",
    "py": "python3",
    "python": "python3",
    "python3": "python3",
    "java": "java17",
    "java17": "java17",
    "rust": "rust",
    "go": "go",
}


@dataclass(slots=True)
class SubmitInput:
    problem_code: str
    language: str
    source: str


@dataclass(slots=True)
class SubmissionDetail:
    id: int
    problem_id: int
    language: str
    status: str
    verdict: str | None
    failed_test: int | None
    time_ms: int | None
    memory_kb: int | None
    submitted_at: datetime
    tests: list[dict]


class SubmissionService:
    def __init__(
        self,
        submissions: SubmissionRepository,
        problems: ProblemRepository,
        contests: ContestRepository,
        store: ObjectStore,
        redis: Redis,
        events: EventPublisher,
        limiter: SlidingWindowLimiter,
        checker: CompileChecker,
        settings: Settings,
    ) -> None:
        self.submissions = submissions
        self.problems = problems
        self.contests = contests
        self.store = store
        self.redis = redis
        self.events = events
        self.limiter = limiter
        self.checker = checker
        self.settings = settings

    def _language(self, raw: str) -> str:
        try:
            language = LANGUAGE_ALIASES[raw.lower()]
        except KeyError:
            raise ValidationFailed(f"unsupported language {raw!r}")
        if language not in self.settings.allowed_languages:
            raise ValidationFailed(f"language {language} is disabled")
        return language

    async def submit(self, contest_id: int, user_id: int, team_id: int | None, data: SubmitInput) -> Submission:
        language = self._language(data.language)
        encoded = data.source.encode("utf-8")
        if len(encoded) > self.settings.max_source_bytes:
            raise ValidationFailed("source too large")
        if not self.limiter.allow(f"{contest_id}:{user_id}"):
            raise RateLimited("too many submissions, slow down")

        contest = await self.contests.get_or_404(contest_id)
        if not is_running(contest, utcnow()):
            raise Forbidden("contest is not running")
        problem = await self.problems.by_code(contest_id, data.problem_code)
        if problem is None:
            raise NotFound(f"problem {data.problem_code} not found")

        check = await self.checker.precheck(language, data.source)
        if not check.ok:
            raise ValidationFailed("compilation failed", diagnostics=check.diagnostics)

        digest = sha256_hex(encoded)
        key = source_key(contest_id, digest, language)
        await self.store.put(key, encoded, content_type="text/plain; charset=utf-8")

        sub = Submission(
            contest_id=contest_id,
            problem_id=problem.id,
            team_id=team_id,
            user_id=user_id,
            language=language,
            source_key=key,
            source_hash=digest,
            source_size=len(encoded),
            status=SubmissionStatus.QUEUED,
        )
        await self.submissions.add(sub)
        await self.problems.bump_attempts(problem.id)
        await self.redis.lpush(keys.QUEUE_JUDGE, sub.id)
        self.events.publish_submission(sub)
        return sub

    async def detail(self, submission_id: int, user_id: int, is_jury: bool) -> SubmissionDetail:
        sub = await self.submissions.get(submission_id)
        if sub is None:
            raise NotFound("submission not found")
        if sub.user_id != user_id and not is_jury:
            raise Forbidden("not your submission")
        results = await self.submissions.test_results(sub.id)
        return SubmissionDetail(
            id=sub.id,
            problem_id=sub.problem_id,
            language=sub.language,
            status=sub.status.value,
            verdict=sub.verdict.value if sub.verdict else None,
            failed_test=sub.failed_test,
            time_ms=sub.time_ms,
            memory_kb=sub.memory_kb,
            submitted_at=sub.submitted_at,
            tests=[{"verdict": r.verdict.value, "time_ms": r.time_ms, "memory_kb": r.memory_kb} for r in results],
        )

    async def source(self, submission_id: int, user_id: int, is_jury: bool) -> str:
        sub = await self.submissions.get(submission_id)
        if sub is None:
            raise NotFound("submission not found")
        if sub.user_id != user_id and not is_jury:
            raise Forbidden("not your submission")
        return await self.store.get_text(sub.source_key)

    async def history(self, user_id: int, before: datetime | None, before_id: int | None, size: int) -> list[Submission]:
        return await self.submissions.user_page(user_id, before, before_id, size)

    async def recent_count(self, user_id: int) -> int:
        return await self.submissions.count_recent_for_user(user_id, utcnow() - timedelta(hours=1))

    async def compare(self, left_id: int, right_id: int, context: int = 3) -> dict:
        subs = {s.id: s for s in await self.submissions.get_many([left_id, right_id])}
        if left_id not in subs or right_id not in subs:
            raise NotFound("submission not found")
        left, right = subs[left_id], subs[right_id]
        if left.contest_id != right.contest_id:
            raise ValidationFailed("submissions belong to different contests")
        left_src = await self.store.get_text(left.source_key)
        right_src = await self.store.get_text(right.source_key)
        if len(left_src) + len(right_src) > 4 * self.settings.max_source_bytes:
            raise ValidationFailed("sources too large to compare")
        diff = difflib.unified_diff(
            left_src.splitlines(),
            right_src.splitlines(),
            fromfile=f"#{left.id} ({left.language})",
            tofile=f"#{right.id} ({right.language})",
            n=context,
            lineterm="",
        )
        return {
            "left": {"id": left.id, "user_id": left.user_id, "team_id": left.team_id},
            "right": {"id": right.id, "user_id": right.user_id, "team_id": right.team_id},
            "same_hash": left.source_hash == right.source_hash,
            "diff": "\n".join(diff),
        }
