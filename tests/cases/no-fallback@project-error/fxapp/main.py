from contextlib import asynccontextmanager
from decimal import Decimal

import httpx
from fastapi import FastAPI, Request

from fxapp.rates import RatesClient
from fxapp.services import Quoter, RateBoard


@asynccontextmanager
async def lifespan(app: FastAPI):
    http = httpx.AsyncClient(base_url="https://rates.example.com", timeout=5.0)
    rates = RatesClient(http)
    app.state.board = RateBoard(rates)
    app.state.quoter = Quoter(rates)
    yield
    await http.aclose()


app = FastAPI(lifespan=lifespan)


@app.get("/rates/{base}/{quote}")
async def rate(base: str, quote: str, request: Request) -> str:
    return str(await request.app.state.board.indicative(base, quote))


@app.post("/quotes")
async def create_quote(sell: str, buy: str, amount: Decimal, request: Request) -> str:
    return str(await request.app.state.quoter.quote(sell, buy, amount))
