from contextlib import asynccontextmanager

from fastapi import FastAPI, Request

from court.feed import TickerFeed
from court.provider import FilingProvider


@asynccontextmanager
async def lifespan(app: FastAPI):
    app.state.provider = FilingProvider("https://efsp.example.com")
    app.state.feed = TickerFeed("https://ticker.example.com")
    yield


app = FastAPI(lifespan=lifespan)


@app.post("/filings")
async def file_envelope(body: dict, request: Request) -> dict:
    return await request.app.state.provider.submit(body, key=body["key"])


@app.get("/filings/{ref}")
async def filing_status(ref: str, request: Request) -> dict:
    return await request.app.state.provider.status(ref)


@app.get("/courts/{court}/cases/{case}")
async def court_docket(court: str, case: str, request: Request) -> dict:
    return await request.app.state.provider.docket(court, case)


@app.get("/courts/{court}/fees")
async def court_fees(court: str, request: Request) -> dict:
    return await request.app.state.provider.fees(court)


@app.get("/quotes/{symbol}")
async def quote(symbol: str, request: Request) -> dict:
    return await request.app.state.feed.quote(symbol)


@app.get("/depth/{symbol}")
async def depth(symbol: str, request: Request) -> dict:
    return await request.app.state.feed.depth(symbol)


@app.get("/ticks/{symbol}")
async def ticks(symbol: str, request: Request) -> dict:
    return await request.app.state.feed.follow(symbol)
