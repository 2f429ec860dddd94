import asyncio
from concurrent.futures import ProcessPoolExecutor

from fastapi import APIRouter

from survey.raster import caption, full_render, thumbnail

router = APIRouter()
pool = ProcessPoolExecutor()


@router.post("/render")
async def render(grid: list[list[float]], name: str) -> dict:
    loop = asyncio.get_running_loop()
    title, pixels, _ = await loop.run_in_executor(pool, full_render, grid, name, [])
    return {"title": title, "rows": len(pixels)}


@router.post("/thumb")
async def thumb(grid: list[list[float]]) -> dict:
    pixels = thumbnail(grid)  # expect: blocking-cpu-in-async
    return {"rows": len(pixels)}


@router.post("/caption")
async def caption_of(name: str, rows: list[list[str]]) -> str:
    return caption(name, rows)
