"""Course catalog, search and instructor dashboards."""

from __future__ import annotations

import logging
from dataclasses import dataclass

import aiohttp

from svc.clients.recommender import RecommenderClient
from svc.db.models import Course
from svc.repositories.courses import CourseRepository
from svc.services.cache import CatalogCache

logger = logging.getLogger(__name__)


@dataclass(slots=True)
class CourseCard:
    id: int
    slug: str
    title: str
    price_cents: int
    lesson_count: int


@dataclass(slots=True)
class DashboardRow:
    course_id: int
    title: str
    seats_taken: int
    capacity: int
    lesson_count: int


def _card(course: Course, lesson_count: int) -> CourseCard:
    return CourseCard(course.id, course.slug, course.title, course.price_cents, lesson_count)


class CourseService:
    def __init__(
        self, courses: CourseRepository, recommender: RecommenderClient, cache: CatalogCache
    ) -> None:
        self._courses = courses
        self._recommender = recommender
        self._cache = cache

    async def catalog_page(self, after_id: int, limit: int) -> list[CourseCard]:
        courses = await self._courses.list_published(after_id, limit)
        counts = await self._courses.lesson_counts([c.id for c in courses])
        return [_card(c, counts.get(c.id, 0)) for c in courses]

    async def recommended_for(self, user_id: int) -> list[CourseCard]:
        try:
            course_ids = await self._recommender.for_user(user_id)
        except (aiohttp.ClientError, TimeoutError):
            logger.warning("recommender unavailable, serving newest courses", exc_info=True)
            return await self.catalog_page(after_id=0, limit=12)
        found = await self._courses.by_ids(course_ids)
        counts = await self._courses.lesson_counts(list(found))
        return [_card(found[cid], counts.get(cid, 0)) for cid in course_ids if cid in found]

    async def detail(self, slug: str) -> dict:
        course = await self._courses.get_by_slug(slug)
        related_ids = await self._recommender.related(course.id)
        related = await self._courses.by_ids(related_ids)
        return {
            "course": _card(course, len(course.lessons)),
            "lessons": [{"id": l.id, "title": l.title, "position": l.position} for l in course.lessons],
            "related": [related[cid].title for cid in related_ids if cid in related],
        }

    async def search(self, term: str) -> list[CourseCard]:
        courses = await self._courses.search(term.strip())
        counts = await self._courses.lesson_counts([c.id for c in courses])
        return [_card(c, counts.get(c.id, 0)) for c in courses]

    async def instructor_dashboard(self, instructor_id: int) -> list[DashboardRow]:
        rows: list[DashboardRow] = []
        for course in await self._courses.by_instructor(instructor_id):
            lesson_count = await self._courses.count_lessons(course.id)
            rows.append(
                DashboardRow(course.id, course.title, course.seats_taken, course.capacity, lesson_count)
            )
        return rows

    async def price_quote(self, course_id: int, coupon_percent: int) -> dict:
        card = await self._cache.get(course_id)
        if card is None:
            course = await self._courses.get(course_id)
            card = {"id": course.id, "title": course.title, "price_cents": course.price_cents}
            await self._cache.put(course_id, card)
        card["price_cents"] = card["price_cents"] * (100 - coupon_percent) // 100
        return card

    async def list_price(self, course_id: int) -> dict:
        quote = await self._cache.get_copy(course_id)
        if quote is None:
            course = await self._courses.get(course_id)
            quote = {"id": course.id, "title": course.title, "price_cents": course.price_cents}
            await self._cache.put(course_id, dict(quote))
        quote["currency"] = "EUR"
        return quote

    async def update(self, course_id: int, title: str | None, price_cents: int | None) -> None:
        fields = {k: v for k, v in {"title": title, "price_cents": price_cents}.items() if v is not None}
        if not fields:
            return
        await self._courses.update_fields(course_id, **fields)
        self._cache.invalidate(course_id)
