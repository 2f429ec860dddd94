from __future__ import annotations

import asyncio
import logging
import math
from concurrent.futures import ProcessPoolExecutor

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from ..core.settings import Settings
from ..repositories.assignments import AssignmentRepository
from ..repositories.bids import BidRepository
from ..repositories.conferences import ConferenceRepository
from ..repositories.submissions import SubmissionRepository
from ..repositories.users import UserRepository
from . import assignment_solver
from .conflicts import ConflictService

log = logging.getLogger(__name__)


class AssignmentService:
    """Long-lived service (one per process) that recomputes reviewer assignments."""

    def __init__(
        self,
        settings: Settings,
        sessionmaker: async_sessionmaker[AsyncSession],
        submissions: SubmissionRepository,
        assignments: AssignmentRepository,
        cpu_pool: ProcessPoolExecutor,
    ) -> None:
        self._k = settings.reviewers_per_paper
        self._sessionmaker = sessionmaker
        self.submissions = submissions
        self.assignments = assignments
        self._cpu_pool = cpu_pool
        self._lock = asyncio.Lock()
        self._last: dict[int, list[tuple[int, int]]] = {}

    async def reviewer_profile(self, bids: BidRepository, reviewer_id: int) -> dict:
        own = await bids.for_reviewer(reviewer_id)
        return {"id": reviewer_id, "bids": {b.submission_id: b.value for b in own}}

    async def _inputs(self, session: AsyncSession, track_id: int):
        track = await ConferenceRepository(session).get_track(track_id)
        users = UserRepository(session)
        bids = BidRepository(session)
        papers = await self.submissions.list_for_track(track_id)
        paper_ids = [p["id"] for p in papers]
        reviewers = await users.reviewers_for_conference(track.conference_id)
        profiles = []
        for reviewer in reviewers:
            profiles.append(await self.reviewer_profile(bids, reviewer.id))
        authors = await users.authors_for_many(paper_ids)
        conflicts = await ConflictService(users).detect_conflicts(paper_ids, authors, reviewers)
        max_load = max(1, math.ceil(len(paper_ids) * self._k / max(1, len(reviewers))) + 1)
        return paper_ids, profiles, conflicts, max_load

    async def recompute_for_track(self, track_id: int) -> int:
        async with self._lock:
            async with self._sessionmaker() as session:
                paper_ids, profiles, conflicts, max_load = await self._inputs(session, track_id)
            pairs = assignment_solver.plan(paper_ids, profiles, conflicts, self._k, max_load)
            await self.assignments.replace_for_track(track_id, pairs)
            await self._refresh_cache(track_id)
        log.info("track %s: %d assignments", track_id, len(pairs))
        return len(pairs)

    async def preview(self, track_id: int) -> list[tuple[int, int]]:
        async with self._sessionmaker() as session:
            paper_ids, profiles, conflicts, max_load = await self._inputs(session, track_id)
        loop = asyncio.get_running_loop()
        pairs = await loop.run_in_executor(
            self._cpu_pool, assignment_solver.plan, paper_ids, profiles, conflicts, self._k, max_load
        )
        async with self._lock:
            self._remember_locked(track_id, pairs)
        return pairs

    def _remember_locked(self, track_id: int, pairs: list[tuple[int, int]]) -> None:
        self._last[track_id] = pairs

    async def _refresh_cache(self, track_id: int) -> None:
        async with self._lock:
            rows = await self.assignments.for_track(track_id)
            self._last[track_id] = [(r["submission_id"], r["reviewer_id"]) for r in rows]

    async def current(self, track_id: int) -> list[tuple[int, int]]:
        if track_id not in self._last:
            await self._refresh_cache(track_id=track_id)
        return self._last.get(track_id, [])
