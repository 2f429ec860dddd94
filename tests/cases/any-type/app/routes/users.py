from typing import Any, Optional

from fastapi import APIRouter

router = APIRouter(prefix="/users")


@router.get("")
async def list_users() -> list[dict[str, str]]:
    return []
