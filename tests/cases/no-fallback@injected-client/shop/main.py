import logging
from contextlib import asynccontextmanager

import httpx
from fastapi import FastAPI, Request

from shop.clients import RelatedClient, ReviewsClient

log = logging.getLogger(__name__)


@asynccontextmanager
async def lifespan(app: FastAPI):
    related_http = httpx.AsyncClient(base_url="http://related.internal", timeout=2.0)
    reviews_http = httpx.AsyncClient(base_url="http://reviews.internal", timeout=2.0)
    app.state.related = RelatedClient(related_http)
    app.state.reviews = ReviewsClient(reviews_http)
    yield
    await related_http.aclose()
    await reviews_http.aclose()


app = FastAPI(lifespan=lifespan)


@app.get("/items/{item_id}/related")
async def related(item_id: int, request: Request) -> list[int]:
    return await request.app.state.related.related(item_id)


@app.get("/items/{item_id}/reviews")
async def reviews(item_id: int, request: Request) -> dict:
    try:
        return await request.app.state.reviews.summary(item_id)
    except httpx.HTTPError:
        log.warning("reviews unavailable for item %s", item_id)
        return {"count": 0}
