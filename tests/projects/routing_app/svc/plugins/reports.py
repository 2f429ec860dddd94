from fastapi import APIRouter

router = APIRouter(prefix="/reports")


@router.get("/daily")
async def daily() -> dict:
    return {"rows": []}
