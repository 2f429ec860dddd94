"""Automated moderation: classifier verdicts turned into queue decisions."""
from __future__ import annotations

import logging

from sqlalchemy.ext.asyncio import AsyncSession

from svc.clients.classifier import ClassifierClient, ClassifierError, ClassifierUnavailable
from svc.clients.storage import StorageClient
from svc.config import Settings
from svc.repositories import comments_repo, media_repo, moderation_repo, posts_repo

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 5


class ModerationService:
    def __init__(
        self, session: AsyncSession, classifier: ClassifierClient, storage: StorageClient, settings: Settings
    ) -> None:
        self.session = session
        self.classifier = classifier
        self.storage = storage
        self.review_threshold = settings.classifier_review_threshold
        self.block_threshold = settings.classifier_block_threshold

    def decide(self, score: float) -> str:
        if score >= self.review_threshold:
            return "needs_review"
        elif score >= self.block_threshold:
            return "rejected"
        return "approved"

    async def _content(self, item: dict) -> tuple[str, str | None]:
        if item["post_id"] is not None:
            post = await posts_repo.get(self.session, item["post_id"])
            if post is None:
                return "", None
            media_url = None
            if post.media_id is not None:
                asset = await media_repo.get(self.session, post.media_id)
                if asset is not None:
                    media_url = self.storage.signed_url(asset.storage_key, ttl=600)
            return post.body, media_url
        comment = await comments_repo.get(self.session, item["comment_id"])
        return (comment.body if comment else ""), None

    async def process(self, item: dict) -> str:
        text, media_url = await self._content(item)
        if not text and media_url is None:
            await moderation_repo.set_status(self.session, item["id"], "skipped")
            return "skipped"
        try:
            verdict = await self.classifier.classify_post(item["post_id"] or item["comment_id"], text, media_url)
        except ClassifierUnavailable:
            if item["attempts"] >= MAX_ATTEMPTS:
                await moderation_repo.set_status(self.session, item["id"], "needs_review")
                log.warning("classifier unavailable, item %s sent to manual review", item["id"])
                return "needs_review"
            await moderation_repo.requeue(self.session, item["id"])
            return "requeued"
        except ClassifierError:
            log.exception("classifier returned an unusable verdict for item %s", item["id"])
            await moderation_repo.set_status(self.session, item["id"], "needs_review")
            return "needs_review"

        status = self.decide(verdict.score)
        await moderation_repo.record_verdict(
            self.session, item["id"], status=status, score=verdict.score, labels=verdict.labels
        )
        if item["post_id"] is not None and status == "rejected":
            await posts_repo.set_status(self.session, item["post_id"], "removed")
        return status
