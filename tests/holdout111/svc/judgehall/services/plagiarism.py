from __future__ import annotations

import asyncio
import logging
from typing import TYPE_CHECKING

from judgehall.clients.object_store import ObjectStore
from judgehall.repositories.submissions import (
    PlagiarismRepository,
    SubmissionRepository,
)
from judgehall.utils.similarity import PairScore, normalize_source, pairwise_scores

if TYPE_CHECKING:
    from judgehall.models import Submission

log = logging.getLogger(__name__)

FETCH_CONCURRENCY = 16


class PlagiarismService:
    def __init__(
        self,
        submissions: SubmissionRepository,
        reports: PlagiarismRepository,
        store: ObjectStore,
        threshold: float,
    ) -> None:
        self.submissions = submissions
        self.reports = reports
        self.store = store
        self.threshold = threshold

    async def collect_sources(self, contest_id: int, problem_id: int) -> dict[int, tuple[str, str]]:
        subs = await self.submissions.accepted_for_problem(contest_id, problem_id)
        latest: dict[int, Submission] = {}
        for sub in sorted(subs, key=lambda s: s.submitted_at):
            latest[sub.team_id or -sub.user_id] = sub
        sem = asyncio.Semaphore(FETCH_CONCURRENCY)

        async def load(sub: Submission) -> tuple[int, tuple[str, str]]:
            async with sem:
                text = await self.store.get_text(sub.source_key)
            return sub.id, (sub.language, text)

        loaded = await asyncio.gather(*(load(s) for s in latest.values()))
        return dict(loaded)

    @staticmethod
    def tokenize_all(sources: dict[int, tuple[str, str]]) -> dict[int, list[str]]:
        return {sid: normalize_source(text, lang) for sid, (lang, text) in sources.items()}

    async def check_problem(self, contest_id: int, problem_id: int) -> list[PairScore]:
        sources = await self.collect_sources(contest_id, problem_id)
        tokens = self.tokenize_all(sources)
        pairs = pairwise_scores(tokens, self.threshold)
        await self.save(contest_id, problem_id, pairs)
        return pairs

    async def save(self, contest_id: int, problem_id: int, pairs: list[PairScore]) -> None:
        await self.reports.replace_for_problem(
            contest_id,
            problem_id,
            [{"submission_a": p.left, "submission_b": p.right, "score": round(p.score, 4)} for p in pairs],
        )
        log.info("plagiarism: contest %s problem %s -> %d suspicious pairs", contest_id, problem_id, len(pairs))
