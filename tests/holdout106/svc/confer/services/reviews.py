from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from ..core.errors import Conflict, DomainError
from ..models import User
from ..repositories.reviews import ReviewRepository
from .users import UserService

if TYPE_CHECKING:
    from ..ws.review_feed import ReviewFeed

log = logging.getLogger(__name__)


class ReviewService:
    def __init__(self, repo: ReviewRepository, users: UserService, feed: ReviewFeed | None = None) -> None:
        self.repo = repo
        self.users = users
        self.feed = feed

    async def submit(self, review_id: int, reviewer: User, score: int, confidence: int, body: str) -> dict:
        if not 1 <= score <= 5 or not 1 <= confidence <= 5:
            raise DomainError("score and confidence must be between 1 and 5")
        if len(body.strip()) < 200:
            raise DomainError("review text is too short")
        rec = await self.repo.submit(review_id, reviewer.id, score, confidence, body)
        if rec is None:
            raise Conflict("review already submitted or not yours")
        await self.repo.update_stats(rec["submission_id"], score)
        if self.feed is not None:
            await self.feed.publish({"type": "review_submitted", "submission_id": rec["submission_id"]})
        return {"submission_id": rec["submission_id"], "score": rec["score"]}

    async def list_for_chair(self, submission_id: int) -> list[dict]:
        reviews = await self.repo.for_submission(submission_id)
        out = []
        for r in reviews:
            reviewer_name = await self.users.display_name(r["reviewer_id"])
            out.append(
                {"id": r["id"], "reviewer": reviewer_name, "score": r["score"],
                 "confidence": r["confidence"], "body": r["body"]}
            )
        return out

    async def list_for_pc(self, submission_id: int) -> list[dict]:
        reviews = await self.repo.for_submission(submission_id)
        names = await self.users.display_names([r["reviewer_id"] for r in reviews])
        return [
            {"id": r["id"], "reviewer": names[r["reviewer_id"]], "score": r["score"], "body": r["body"]}
            for r in reviews
        ]

    async def list_for_author(self, submission_id: int) -> list[dict]:
        reviews = await self.repo.for_submission(submission_id)
        return [
            {"label": f"Reviewer {chr(ord('A') + idx)}", "score": r["score"], "body": r["body"]}
            for idx, r in enumerate(reviews)
        ]
