from __future__ import annotations

import logging

from sqlalchemy.ext.asyncio import AsyncSession

from svc.cache.profile_cache import ProfileCache
from svc.clients.classifier import ClassifierClient
from svc.config import Settings
from svc.db.models import Comment, User
from svc.repositories import comments_repo, moderation_repo, posts_repo
from svc.services.notifications import NotificationService
from svc.utils import flags
from svc.utils.text import normalize, snippet

log = logging.getLogger(__name__)

MAX_COMMENT_CHARS = 1000


class CommentRejected(Exception):
    pass


class CommentService:
    def __init__(
        self,
        session: AsyncSession,
        classifier: ClassifierClient,
        notifications: NotificationService,
        profiles: ProfileCache,
        settings: Settings,
    ) -> None:
        self.session = session
        self.classifier = classifier
        self.notifications = notifications
        self.profiles = profiles
        self.settings = settings

    async def _screen(self, body: str) -> str:
        if not flags.is_enabled("comments_require_classifier"):
            return "published"
        verdict = await self.classifier.classify_text(body)
        if verdict.score >= self.settings.classifier_block_threshold:
            raise CommentRejected("comment violates content policy")
        if verdict.score >= self.settings.classifier_review_threshold:
            return "pending"
        return "published"

    async def add(self, author: User, post_id: int, body: str, parent_id: int | None = None) -> Comment:
        body = normalize(body)
        if not body or len(body) > MAX_COMMENT_CHARS:
            raise ValueError("comment must be 1-1000 characters")
        post = await posts_repo.get(self.session, post_id)
        if post is None:
            raise LookupError(post_id)
        if parent_id is not None:
            parent = await comments_repo.get(self.session, parent_id)
            if parent is None or parent.post_id != post_id:
                raise ValueError("parent comment belongs to another post")

        status = await self._screen(body)
        comment = await comments_repo.create(
            self.session, post_id=post_id, author_id=author.id, body=body, parent_id=parent_id, status=status
        )
        if status == "pending":
            await moderation_repo.enqueue(self.session, comment_id=comment.id)
        else:
            await posts_repo.bump_comment_count(self.session, post_id)
        await self.session.commit()

        if status == "published" and post.author_id != author.id:
            await self.notifications.notify(
                post.author_id,
                "comment",
                {"post_id": post_id, "comment_id": comment.id, "from": author.id, "snippet": snippet(body, 80)},
            )
        return comment

    async def thread(self, post_id: int, limit: int = 50) -> list[dict]:
        top = await comments_repo.top_level_for_post(self.session, post_id, limit)
        replies_by_parent: dict[int, list[Comment]] = {}
        for c in top:
            replies_by_parent[c.id] = list(await comments_repo.replies_to(self.session, c.id))

        author_ids = [c.author_id for c in top]
        author_ids += [r.author_id for rs in replies_by_parent.values() for r in rs]
        authors = await self.profiles.get_many(self.session, author_ids)

        def render(c: Comment) -> dict:
            return {
                "id": c.id,
                "body": c.body,
                "author": authors.get(c.author_id),
                "created_at": c.created_at.isoformat(),
            }

        return [{**render(c), "replies": [render(r) for r in replies_by_parent[c.id]]} for c in top]
