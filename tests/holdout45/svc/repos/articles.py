"""Repositories for articles, their images, revisions, assignments and approvals."""
from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from ..db.models import Approval, Article, ArticleImage, ArticleTag, Assignment, Revision


class ArticleRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get(self, article_id: int) -> Article | None:
        return await self.session.get(Article, article_id)

    async def get_for_update(self, article_id: int) -> Article | None:
        stmt = select(Article).where(Article.id == article_id).with_for_update()
        return (await self.session.execute(stmt)).scalar_one_or_none()

    async def get_by_slug(self, tenant_id: str, slug: str) -> Article | None:
        stmt = select(Article).where(Article.tenant_id == tenant_id, Article.slug == slug)
        return (await self.session.execute(stmt)).scalar_one_or_none()

    async def list_for_tenant(
        self, tenant_id: str, status: str | None, limit: int = 50, before: datetime | None = None
    ) -> Sequence[Article]:
        stmt = select(Article).where(Article.tenant_id == tenant_id)
        if status:
            stmt = stmt.where(Article.status == status)
        if before is not None:
            stmt = stmt.where(Article.published_at < before)
        stmt = stmt.order_by(Article.published_at.desc().nulls_last()).limit(min(limit, 200))
        return (await self.session.execute(stmt)).scalars().all()

    async def list_with_images(self, tenant_id: str, limit: int) -> Sequence[Article]:
        stmt = (
            select(Article)
            .where(Article.tenant_id == tenant_id, Article.status == "published")
            .options(selectinload(Article.images), selectinload(Article.tags))
            .order_by(Article.published_at.desc())
            .limit(limit)
        )
        return (await self.session.execute(stmt)).scalars().all()

    async def all_published(self, tenant_id: str) -> Sequence[Article]:
        stmt = select(Article).where(Article.tenant_id == tenant_id, Article.status == "published")
        return (await self.session.execute(stmt.order_by(Article.published_at.desc()))).scalars().all()

    async def search_text(self, tenant_id: str, q: str, limit: int = 20) -> Sequence[Article]:
        pattern = f"%{q}%"
        stmt = (
            select(Article)
            .where(Article.tenant_id == tenant_id)
            .where(or_(Article.title.ilike(pattern), Article.body.ilike(pattern)))
            .order_by(Article.updated_at.desc())
            .limit(limit)
        )
        return (await self.session.execute(stmt)).scalars().all()

    async def due_for_publication(self, now: datetime, limit: int = 100) -> Sequence[Article]:
        stmt = (
            select(Article)
            .where(Article.status == "scheduled", Article.scheduled_for <= now)
            .order_by(Article.scheduled_for)
            .limit(limit)
        )
        return (await self.session.execute(stmt)).scalars().all()

    async def tags_for(self, article_ids: Sequence[int]) -> dict[int, list[str]]:
        if not article_ids:
            return {}
        stmt = select(ArticleTag.article_id, ArticleTag.tag).where(ArticleTag.article_id.in_(article_ids))
        out: dict[int, list[str]] = {}
        for article_id, tag in (await self.session.execute(stmt)).all():
            out.setdefault(article_id, []).append(tag)
        return out

    async def set_status(self, article_id: int, status: str, **fields) -> None:
        await self.session.execute(
            update(Article).where(Article.id == article_id).values(status=status, **fields)
        )

    async def count_by_status(self, tenant_id: str) -> dict[str, int]:
        stmt = (
            select(Article.status, func.count())
            .where(Article.tenant_id == tenant_id)
            .group_by(Article.status)
        )
        return {status: count for status, count in (await self.session.execute(stmt)).all()}


class ImageRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def for_article(self, article_id: int) -> Sequence[ArticleImage]:
        stmt = select(ArticleImage).where(ArticleImage.article_id == article_id).order_by(ArticleImage.id)
        return (await self.session.execute(stmt)).scalars().all()

    async def for_articles(self, article_ids: Sequence[int]) -> dict[int, list[ArticleImage]]:
        stmt = select(ArticleImage).where(ArticleImage.article_id.in_(article_ids))
        grouped: dict[int, list[ArticleImage]] = {}
        for img in (await self.session.execute(stmt)).scalars():
            grouped.setdefault(img.article_id, []).append(img)
        return grouped

    async def by_hash(self, content_hash: str) -> ArticleImage | None:
        stmt = select(ArticleImage).where(ArticleImage.content_hash == content_hash).limit(1)
        return (await self.session.execute(stmt)).scalar_one_or_none()

    async def add(self, image: ArticleImage) -> ArticleImage:
        self.session.add(image)
        await self.session.flush()
        return image


class RevisionRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def add(self, article_id: int, number: int, title: str, body: str, editor_id: int,
                  note: str | None = None) -> Revision:
        rev = Revision(article_id=article_id, number=number, title=title, body=body,
                       editor_id=editor_id, note=note)
        self.session.add(rev)
        await self.session.flush()
        return rev

    async def history(self, article_id: int, limit: int = 50) -> Sequence[Revision]:
        stmt = (
            select(Revision)
            .where(Revision.article_id == article_id)
            .order_by(Revision.number.desc())
            .limit(limit)
        )
        return (await self.session.execute(stmt)).scalars().all()

    async def latest_for(self, article_id: int) -> Revision | None:
        stmt = select(Revision).filter_by(article_id=article_id).order_by(Revision.number.desc()).limit(1)
        return (await self.session.execute(stmt)).scalar_one_or_none()

    async def pair(self, article_id: int, a: int, b: int) -> tuple[Revision | None, Revision | None]:
        stmt = select(Revision).where(Revision.article_id == article_id, Revision.number.in_((a, b)))
        found = {r.number: r for r in (await self.session.execute(stmt)).scalars()}
        return found.get(a), found.get(b)


class AssignmentRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def open_for_user(self, user_id: int) -> Sequence[Assignment]:
        stmt = select(Assignment).where(Assignment.assignee_id == user_id, Assignment.state == "open")
        return (await self.session.execute(stmt)).scalars().all()

    async def for_article(self, article_id: int) -> Sequence[Assignment]:
        stmt = select(Assignment).where(Assignment.article_id == article_id)
        return (await self.session.execute(stmt)).scalars().all()

    async def claim(self, assignment_id: int, user_id: int) -> bool:
        result = await self.session.execute(
            update(Assignment)
            .where(Assignment.id == assignment_id, Assignment.assignee_id.is_(None))
            .values(assignee_id=user_id, state="open")
            .returning(Assignment.id)
        )
        return result.scalar_one_or_none() is not None

    async def create(self, article_id: int, tenant_id: str, role: str, assignee_id: int | None) -> Assignment:
        a = Assignment(article_id=article_id, tenant_id=tenant_id, role=role, assignee_id=assignee_id)
        self.session.add(a)
        await self.session.flush()
        return a

    async def record_approval(self, article_id: int, revision_number: int, approver_id: int,
                              kind: str, approved: bool) -> Approval:
        ap = Approval(article_id=article_id, revision_number=revision_number,
                      approver_id=approver_id, kind=kind, approved=approved)
        self.session.add(ap)
        await self.session.flush()
        return ap

    async def approvals_for(self, article_id: int, revision_number: int) -> Sequence[Approval]:
        stmt = select(Approval).where(
            Approval.article_id == article_id, Approval.revision_number == revision_number
        )
        return (await self.session.execute(stmt)).scalars().all()
