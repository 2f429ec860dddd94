"""Course catalog routes."""

from __future__ import annotations

from dataclasses import asdict

from fastapi import APIRouter, Depends, Query
from pydantic import BaseModel, Field
from sqlalchemy.ext.asyncio import AsyncSession

from svc.api.deps import course_service, current_principal, get_container, require_instructor
from svc.clients.identity import Principal
from svc.container import Container
from svc.db.session import get_session
from svc.repositories.courses import CourseRepository
from svc.services.courses import CourseService

router = APIRouter(prefix="/api/courses", tags=["courses"])


class CourseUpdate(BaseModel):
    title: str | None = Field(default=None, max_length=200)
    price_cents: int | None = Field(default=None, ge=0)


@router.get("")
async def catalog(
    after_id: int = 0,
    limit: int = Query(24, ge=1, le=100),
    courses: CourseService = Depends(course_service),
) -> list[dict]:
    return [asdict(card) for card in await courses.catalog_page(after_id, limit)]


@router.get("/search")
async def search(
    q: str = Query(min_length=2, max_length=80), courses: CourseService = Depends(course_service)
) -> list[dict]:
    return [asdict(card) for card in await courses.search(q)]


@router.get("/recommended")
async def recommended(
    principal: Principal = Depends(current_principal), courses: CourseService = Depends(course_service)
) -> list[dict]:
    return [asdict(card) for card in await courses.recommended_for(principal.user_id)]


@router.get("/dashboard")
async def dashboard(
    principal: Principal = Depends(require_instructor), courses: CourseService = Depends(course_service)
) -> list[dict]:
    return [asdict(row) for row in await courses.instructor_dashboard(principal.user_id)]


@router.get("/{slug}")
async def detail(slug: str, courses: CourseService = Depends(course_service)) -> dict:
    page = await courses.detail(slug)
    page["course"] = asdict(page["course"])
    return page


@router.get("/{course_id}/quote")
async def quote(
    course_id: int,
    coupon_percent: int = Query(0, ge=0, le=100),
    courses: CourseService = Depends(course_service),
) -> dict:
    return await courses.price_quote(course_id, coupon_percent)


@router.get("/{course_id}/price")
async def list_price(course_id: int, courses: CourseService = Depends(course_service)) -> dict:
    return await courses.list_price(course_id)


@router.patch("/{course_id}", status_code=204)
async def update(
    course_id: int,
    body: CourseUpdate,
    _: Principal = Depends(require_instructor),
    courses: CourseService = Depends(course_service),
) -> None:
    await courses.update(course_id, body.title, body.price_cents)


@router.get("/{course_id}/media")
async def media_status(
    course_id: int,
    _: Principal = Depends(require_instructor),
    session: AsyncSession = Depends(get_session),
    container: Container = Depends(get_container),
) -> list[dict]:
    lesson_ids = await CourseRepository(session).lesson_ids(course_id)
    return [asdict(s) for s in await container.transcoding.lesson_statuses(lesson_ids)]
