"""FastAPI parameters whose default is a call: not mutable defaults."""
from __future__ import annotations

from fastapi import APIRouter, Depends, Query

router = APIRouter()


def get_filters() -> dict[str, str]:
    return {}


@router.get("/search")
async def search(tags: list[str] = Query([]), filters: dict[str, str] = Depends(get_filters)) -> dict:
    if filters is not None and tags:
        return {"tags": tags}
    return {}
