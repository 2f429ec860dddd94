"""Quotes API."""
from contextlib import asynccontextmanager

import httpx
from fastapi import FastAPI, Request

from prices.book import PriceBook


@asynccontextmanager
async def lifespan(app: FastAPI):
    client = httpx.AsyncClient(base_url="https://quotes.example.com", timeout=5.0)
    app.state.book = PriceBook(client)
    yield
    await client.aclose()


app = FastAPI(lifespan=lifespan)


@app.post("/refresh")
async def refresh(symbols: list[str], request: Request) -> None:
    book: PriceBook = request.app.state.book
    await book.refresh_all(symbols)
    await book.refresh_outside(symbols)
    await book.refresh_later(symbols[0])
