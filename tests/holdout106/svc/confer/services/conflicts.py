from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass

from ..models import User
from ..repositories.users import UserRepository
from . import coauthor_graph
from .coauthor_graph import institution_key

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class DeclaredConflict:
    paper: int
    reviewer: int


class ConflictService:
    def __init__(self, users: UserRepository) -> None:
        self.users = users

    async def detect_conflicts(
        self,
        paper_ids: list[int],
        authors_by_paper: dict[int, list[User]],
        reviewers: list[User],
        declared: list[DeclaredConflict] | None = None,
    ) -> set[tuple[int, int]]:
        author_ids = sorted({u.id for users in authors_by_paper.values() for u in users})
        edges = await self.users.coauthor_edges(author_ids + [r.id for r in reviewers])
        coauthor_graph.remember_edges(edges)
        by_paper = {pid: [u.id for u in users] for pid, users in authors_by_paper.items()}
        conflicts = coauthor_graph.transitive_conflicts(by_paper, [r.id for r in reviewers], max_depth=2)

        for pid, authors in authors_by_paper.items():
            institutions = {institution_key(a.institution) for a in authors if a.institution}
            for reviewer in reviewers:
                if reviewer.institution and institution_key(reviewer.institution) in institutions:
                    conflicts.add((pid, reviewer.id))

        declared_pairs = [(d.paper, d.reviewer) for d in declared or []]
        for pid in paper_ids:
            for reviewer in reviewers:
                if (pid, reviewer.id) in declared_pairs:
                    conflicts.add((pid, reviewer.id))
        log.info("conflicts detected papers=%d reviewers=%d pairs=%d", len(paper_ids), len(reviewers), len(conflicts))
        return conflicts

    async def conflicts_for_paper(self, paper_id: int, authors: list[User], reviewers: list[User]) -> set[int]:
        edges = await self.users.coauthor_edges([a.id for a in authors])
        coauthor_graph.remember_edges(edges)
        pairs = await asyncio.to_thread(
            coauthor_graph.transitive_conflicts, {paper_id: [a.id for a in authors]}, [r.id for r in reviewers], 2
        )
        return {reviewer for _, reviewer in pairs}
