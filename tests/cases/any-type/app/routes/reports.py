from typing import Any

from fastapi import APIRouter
from pydantic import BaseModel

router = APIRouter(prefix="/reports")


class Daily(BaseModel):
    total: int


@router.get("/daily")
async def daily() -> dict[str, Any]:  # expect: any-type
    return {"total": 1}


@router.get("/weekly", response_model=Daily)
async def weekly() -> dict[str, Any]:
    return {"total": 7}


@router.get("/monthly")
async def monthly() -> Daily:
    return Daily(total=30)
