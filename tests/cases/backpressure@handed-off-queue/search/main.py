import asyncio
from contextlib import asynccontextmanager

from fastapi import Depends, FastAPI, Request

from search.services import DocumentService, ThumbnailStats
from search.workers import Indexer, Thumbnailer


@asynccontextmanager
async def lifespan(app: FastAPI):
    app.state.indexer = Indexer()
    app.state.thumbs = Thumbnailer()
    tasks = [asyncio.create_task(app.state.indexer.run()), asyncio.create_task(app.state.thumbs.run())]
    yield
    for task in tasks:
        task.cancel()


app = FastAPI(lifespan=lifespan)


def documents(request: Request) -> DocumentService:
    state = request.app.state
    return DocumentService(state.indexer.queue)


def thumb_stats(request: Request) -> ThumbnailStats:
    state = request.app.state
    return ThumbnailStats(state.thumbs.jobs)


@app.post("/documents/{doc_id}")
async def save(doc_id: int, service: DocumentService = Depends(documents)) -> dict[str, str]:
    await service.save(doc_id)
    return {"status": "queued"}


@app.get("/thumbnails/backlog")
async def backlog(stats: ThumbnailStats = Depends(thumb_stats)) -> dict[str, int]:
    return {"pending": stats.backlog()}
