from __future__ import annotations

import asyncio
import difflib
import logging
from dataclasses import dataclass
from datetime import datetime, timezone

from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from ..cache import ArticleCache
from ..db.models import Article
from ..repos.articles import ArticleRepository, RevisionRepository
from ..utils.text import expand_embeds, sanitize, slugify, word_count
from .indexing import IndexQueue

log = logging.getLogger(__name__)


class ArticleNotFound(LookupError):
    pass


class SlugTaken(ValueError):
    pass


@dataclass
class ArticleDraft:
    title: str
    body: str
    standfirst: str | None = None
    section: str | None = None
    note: str | None = None


class ArticleService:
    def __init__(self, session: AsyncSession, cache: ArticleCache, index_queue: IndexQueue) -> None:
        self.session = session
        self.articles = ArticleRepository(session)
        self.revisions = RevisionRepository(session)
        self.cache = cache
        self.index_queue = index_queue

    async def create(self, tenant_id: str, author_id: int, draft: ArticleDraft) -> Article:
        article = Article(
            tenant_id=tenant_id,
            slug=slugify(draft.title),
            title=draft.title,
            standfirst=draft.standfirst,
            body=sanitize(draft.body),
            section=draft.section,
            author_id=author_id,
            current_revision=1,
        )
        self.session.add(article)
        try:
            await self.session.flush()
        except IntegrityError as exc:
            await self.session.rollback()
            raise SlugTaken(article.slug) from exc
        await self.revisions.add(article.id, 1, article.title, article.body, author_id, draft.note)
        await self.session.commit()
        return article

    async def save_revision(self, article_id: int, editor_id: int, draft: ArticleDraft) -> Article:
        article = await self.articles.get_for_update(article_id)
        if article is None:
            raise ArticleNotFound(article_id)
        number = article.current_revision + 1
        await self.revisions.add(article.id, number, draft.title, sanitize(draft.body), editor_id, draft.note)
        article.title = draft.title
        article.body = sanitize(draft.body)
        article.standfirst = draft.standfirst
        article.current_revision = number
        await self.session.commit()
        if article.status == "published":
            self.cache.invalidate(article.tenant_id, slug=article.slug)
            asyncio.create_task(self.index_queue.enqueue(article.tenant_id, article.id, "upsert"))
        return article

    async def list_for_desk(self, tenant_id: str, status: str | None, limit: int) -> list[dict]:
        items = []
        for article in await self.articles.list_for_tenant(tenant_id, status, limit):
            latest = await self.revisions.latest_for(article.id)
            items.append(
                {
                    "id": article.id,
                    "title": article.title,
                    "status": article.status,
                    "revision": article.current_revision,
                    "last_editor": latest.editor_id if latest else None,
                    "last_edit_at": latest.created_at.isoformat() if latest else None,
                }
            )
        return items

    async def list_public(self, tenant_id: str, limit: int = 20) -> list[dict]:
        articles = await self.articles.list_for_tenant(tenant_id, "published", limit)
        tags = await self.articles.tags_for([a.id for a in articles])
        return [
            {"slug": a.slug, "title": a.title, "standfirst": a.standfirst, "tags": tags.get(a.id, [])}
            for a in articles
        ]

    async def public_article(self, tenant_id: str, slug: str) -> dict:
        cached = await self.cache.get(tenant_id, slug)
        if cached is not None:
            return cached
        article = await self.articles.get_by_slug(tenant_id, slug)
        if article is None or article.status != "published":
            raise ArticleNotFound(slug)
        payload = {
            "id": article.id,
            "slug": article.slug,
            "title": article.title,
            "standfirst": article.standfirst,
            "body": expand_embeds(article.body),
            "words": word_count(article.body),
            "published_at": article.published_at.isoformat() if article.published_at else None,
        }
        await self.cache.put(tenant_id, slug, payload)
        return payload

    async def diff(self, article_id: int, a: int, b: int) -> str:
        old, new = await self.revisions.pair(article_id, a, b)
        if old is None or new is None:
            raise ArticleNotFound(f"{article_id}@{a}..{b}")
        lines = difflib.unified_diff(
            old.body.splitlines(), new.body.splitlines(), f"r{a}", f"r{b}", lineterm=""
        )
        return "\n".join(lines)

    async def unpublish(self, article_id: int) -> None:
        article = await self.articles.get_for_update(article_id)
        if article is None:
            raise ArticleNotFound(article_id)
        await self.articles.set_status(article_id, "draft", published_at=None)
        await self.session.commit()
        await self.cache.invalidate(article.tenant_id, article.slug)
        await self.index_queue.enqueue(article.tenant_id, article.id, "delete")

    def touch(self, article: Article) -> None:
        article.updated_at = datetime.now(timezone.utc)
