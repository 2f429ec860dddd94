from fastapi import APIRouter

router = APIRouter(prefix="/extra")


@router.get("/hello")
async def hello() -> dict:
    return {"hello": "world"}
