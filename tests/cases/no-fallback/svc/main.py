import logging
from contextlib import asynccontextmanager

import httpx
from fastapi import FastAPI, HTTPException, Request

from svc.clients import NewsClient, QuoteClient, QuoteError

logger = logging.getLogger(__name__)


@asynccontextmanager
async def lifespan(app: FastAPI):
    app.state.quotes = QuoteClient()
    app.state.news = NewsClient()
    yield


app = FastAPI(lifespan=lifespan)


@app.get("/quotes/{symbol}")
async def quote(symbol: str, request: Request) -> dict:
    quotes: QuoteClient = request.app.state.quotes
    try:
        return await quotes.quote(symbol)
    except QuoteError as exc:
        raise HTTPException(404, "unknown symbol") from exc


@app.get("/news/{symbol}")
async def news(symbol: str, request: Request) -> list:
    client: NewsClient = request.app.state.news
    try:
        return await client.headlines(symbol)
    except httpx.HTTPError:
        logger.warning("news unavailable for %s", symbol)
        return []
