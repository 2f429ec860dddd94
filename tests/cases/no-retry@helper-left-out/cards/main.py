from contextlib import asynccontextmanager

import aiohttp
from fastapi import FastAPI, Request

from cards.issuer import IssuerClient, LedgerClient


@asynccontextmanager
async def lifespan(app: FastAPI):
    timeout = aiohttp.ClientTimeout(total=10)
    issuer = aiohttp.ClientSession(base_url="https://issuer.example.com", timeout=timeout)
    ledger = aiohttp.ClientSession(base_url="https://ledger.example.com", timeout=timeout)
    app.state.issuer = IssuerClient(issuer)
    app.state.ledger = LedgerClient(ledger)
    yield
    await issuer.close()
    await ledger.close()


app = FastAPI(lifespan=lifespan)


@app.get("/cards/{card_id}")
async def card(card_id: str, request: Request) -> dict:
    return await request.app.state.issuer.card(card_id)


@app.get("/cards/{card_id}/limits")
async def limits(card_id: str, request: Request) -> dict:
    return await request.app.state.issuer.limits(card_id)


@app.get("/cards/{card_id}/transactions")
async def transactions(card_id: str, request: Request) -> dict:
    return await request.app.state.issuer.transactions(card_id)


@app.post("/cards/{card_id}/lost")
async def report_lost(card_id: str, request: Request) -> dict:
    return await request.app.state.issuer.report_lost(card_id)


@app.get("/accounts/{account}/balance")
async def balance(account: str, request: Request) -> dict:
    return await request.app.state.ledger.balance(account)


@app.get("/accounts/{account}/entries")
async def entries(account: str, request: Request) -> dict:
    return await request.app.state.ledger.entries(account)
