from fastapi import APIRouter

router = APIRouter(prefix="/reports")


@router.get("/daily")
async def daily() -> dict:
    rows = []
    for hour in range(24):
        rows.append({"hour": hour})
    return {"rows": rows}


@router.get("/monthly")
async def monthly() -> dict:
    return {"rows": []}
