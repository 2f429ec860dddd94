import asyncio
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request
from redis.asyncio import Redis

from exports.workers.exporter import ExportWorker
from exports.workers.rates import RateRefresher
from exports.workers.renderer import RenderConsumer


@asynccontextmanager
async def lifespan(app: FastAPI):
    redis = Redis.from_url("redis://localhost:6379/0")
    stop = asyncio.Event()
    app.state.exporter = exporter = ExportWorker(redis)
    app.state.renderer = renderer = RenderConsumer(redis)
    app.state.rates = rates = RateRefresher(redis)
    tasks = [
        asyncio.create_task(exporter.run(stop)),
        asyncio.create_task(renderer.run(stop)),
        asyncio.create_task(rates.run(stop)),
    ]
    yield
    stop.set()
    await asyncio.gather(*tasks, return_exceptions=True)
    await redis.aclose()


app = FastAPI(lifespan=lifespan)


@app.get("/exports/{job_id}/progress")
async def export_progress(job_id: str, request: Request) -> dict[str, int]:
    return {"rows": request.app.state.exporter.progress(job_id)}


@app.get("/renders/{job_id}")
async def render_status(job_id: str, request: Request) -> dict[str, str]:
    return {"status": request.app.state.renderer.status(job_id)}


@app.get("/rates/{currency}")
async def rate(currency: str, request: Request) -> dict[str, float]:
    return {"rate": request.app.state.rates.rate(currency)}
