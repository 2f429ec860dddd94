from contextlib import asynccontextmanager

from fastapi import FastAPI, HTTPException

from store.quotes import QuoteService, StreamHub


@asynccontextmanager
async def lifespan(app: FastAPI):
    app.state.quotes = QuoteService()
    app.state.streams = StreamHub()
    yield


app = FastAPI(lifespan=lifespan)


@app.post("/quotes")
async def create_quote(total: int) -> dict[str, str]:
    return {"quote_id": app.state.quotes.create(total).quote_id}


@app.post("/quotes/{quote_id}/confirm")
async def confirm(quote_id: str) -> dict[str, int]:
    quote = app.state.quotes.take(quote_id)
    if quote is None:
        raise HTTPException(404, "quote not found or expired")
    return {"charged": quote.total}


@app.get("/users/{user_id}/events")
async def events(user_id: int) -> dict[str, int]:
    queue = app.state.streams.open(user_id)
    return {"pending": queue.qsize()}


@app.post("/users/{user_id}/events")
async def publish(user_id: int, event: dict) -> None:
    app.state.streams.publish(user_id, event)
