from fastapi import APIRouter

router = APIRouter(prefix="/admin")
BLOCKED_SYMBOLS = {"XXX"}


@router.get("/blocked")
async def blocked() -> list[str]:
    return sorted(BLOCKED_SYMBOLS)
