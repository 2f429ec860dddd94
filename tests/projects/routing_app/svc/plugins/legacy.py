from fastapi import APIRouter

router = APIRouter(prefix="/legacy")


@router.get("/hello")
async def hello() -> dict:
    return {"hello": "old world"}
