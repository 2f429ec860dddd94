import asyncio

from fastapi import APIRouter

from atlas.tiles import RouteScorer, rasterize, tile_name

router = APIRouter()
scorer = RouteScorer()


@router.post("/tiles/preview")
async def preview(points: list[tuple[float, float]]) -> dict:
    raw = await asyncio.to_thread(rasterize, points)
    return {"bytes": len(raw)}


@router.post("/tiles/{z}/{x}/{y}")
async def render(z: int, x: int, y: int, points: list[tuple[float, float]]) -> dict:
    raw = rasterize(points)  # expect: blocking-cpu-in-async
    return {"name": tile_name(z, x, y), "bytes": len(raw)}


@router.post("/routes/rank")
async def rank(routes: list[list[tuple[float, float]]]) -> list[float]:
    loop = asyncio.get_running_loop()
    return await loop.run_in_executor(None, scorer.score_all, routes)


@router.post("/routes/best")
async def best(routes: list[list[tuple[float, float]]]) -> int:
    scores = scorer.score_all(routes)  # expect: blocking-cpu-in-async
    return min(range(len(scores)), key=scores.__getitem__)


@router.post("/tiles/thumb")
async def thumb(points: list[tuple[float, float]]) -> dict:
    if len(points) < 20:
        raw = rasterize(points, size=64)
    else:
        raw = await asyncio.to_thread(rasterize, points, 64)
    return {"bytes": len(raw)}


@router.get("/tiles/{z}/{x}/{y}/name")
async def name(z: int, x: int, y: int) -> str:
    return tile_name(z, x, y)
