from __future__ import annotations

import json
import os
from datetime import datetime

from fastapi import APIRouter, Depends, Query
from sqlalchemy.ext.asyncio import AsyncSession

from svc.clients import recommender
from svc.config import get_settings
from svc.data.course_repo import CourseRepository
from svc.data.db import get_session
from svc.services.catalogue_cache import catalogue_cache, syllabus_for

router = APIRouter(prefix="/courses", tags=["courses"])
settings = get_settings()


def _repo(session: AsyncSession = Depends(get_session)) -> CourseRepository:
    return CourseRepository(session)


@router.get("")
async def list_courses(
    before: datetime | None = None, repo: CourseRepository = Depends(_repo)
) -> list[dict]:
    courses = await repo.catalogue_after(before)
    return [{"slug": c.slug, "title": c.title} for c in courses]


@router.get("/legacy")
async def list_courses_legacy(page: int = 0, repo: CourseRepository = Depends(_repo)) -> list[dict]:
    courses = await repo.catalogue_page(page)
    return [{"slug": c.slug, "title": c.title} for c in courses]


@router.get("/category/{category}")
async def by_category(category: str, repo: CourseRepository = Depends(_repo)) -> list[dict]:
    courses = await repo.by_category(category)
    result = []
    for course in courses:
        lessons = await repo.lessons_for(course.id)
        result.append({"slug": course.slug, "lessons": len(lessons)})
    return result


@router.get("/instructor/{instructor_id}")
async def by_instructor(instructor_id: int, repo: CourseRepository = Depends(_repo)) -> list[dict]:
    courses = await repo.by_instructor(instructor_id)
    full = await repo.with_lessons([c.id for c in courses])
    return [{"slug": c.slug, "lessons": [lesson.title for lesson in c.lessons]} for c in full]


@router.get("/search")
async def search(q: str = Query(min_length=3), repo: CourseRepository = Depends(_repo)) -> list[str]:
    return [c.slug for c in await repo.search_titles(q)]


@router.get("/{slug}")
async def course_detail(slug: str, repo: CourseRepository = Depends(_repo)) -> dict:
    course = await repo.by_slug(slug)
    cached = await catalogue_cache.get(slug)
    if cached is None:
        cached = {"slug": course.slug, "title": course.title, "price": str(course.price)}
        await catalogue_cache.set(slug, cached)
    return cached


@router.get("/{slug}/syllabus")
def syllabus_file(slug: str) -> dict:
    path = os.path.join(settings.media_root, "syllabi", f"{slug}.json")
    with open(path, encoding="utf-8") as handle:
        return json.load(handle)


@router.get("/{slug}/syllabus/summary")
async def syllabus_summary(slug: str) -> dict:
    syllabus = syllabus_for(slug)
    syllabus["modules"] = syllabus["modules"][:5]
    return syllabus


@router.get("/{slug}/recommended")
async def recommended(slug: str, user_id: int, repo: CourseRepository = Depends(_repo)) -> dict:
    course = await repo.by_slug(slug)
    similar = await recommender.similar_courses(course.id)
    ranked = await recommender.ranked_courses(user_id, similar)
    return {"course": course.slug, "recommended": ranked}
