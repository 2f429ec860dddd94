"""Course API."""
from __future__ import annotations

from fastapi import FastAPI

from .courses import CourseService
from .recommender import RecommenderClient

app = FastAPI()
courses = CourseService(RecommenderClient("http://recommender:8080"))


@app.get("/me/recommended")
async def recommended(user_id: int) -> list[int]:
    return await courses.recommended_for(user_id)


@app.get("/courses/{course_id}")
async def course(course_id: int) -> dict:
    return await courses.detail(course_id)
