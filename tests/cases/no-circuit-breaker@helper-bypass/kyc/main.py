from contextlib import asynccontextmanager

import httpx
from fastapi import FastAPI, Request

from kyc.clients import AddressClient, IdentityClient, WatchlistClient


@asynccontextmanager
async def lifespan(app: FastAPI):
    identity = httpx.AsyncClient(base_url="https://identity.example.com", timeout=5.0)
    watchlist = httpx.AsyncClient(base_url="https://watchlist.example.com", timeout=5.0)
    address = httpx.AsyncClient(base_url="https://address.example.com", timeout=5.0)
    app.state.identity = IdentityClient(identity)
    app.state.watchlist = WatchlistClient(watchlist)
    app.state.address = AddressClient(address)
    yield
    for client in (identity, watchlist, address):
        await client.aclose()


app = FastAPI(lifespan=lifespan)


@app.get("/applicants/{ref}")
async def applicant(ref: str, request: Request) -> dict:
    return await request.app.state.identity.applicant(ref)


@app.get("/applicants/{ref}/documents")
async def documents(ref: str, request: Request) -> dict:
    return await request.app.state.identity.documents(ref)


@app.post("/applicants/{ref}/reject")
async def reject(ref: str, reason: str, request: Request) -> dict:
    return await request.app.state.identity.reject(ref, reason)


@app.post("/screen")
async def screen(name: str, request: Request) -> dict:
    return await request.app.state.watchlist.screen(name)


@app.post("/cases/{case_id}/rescreen")
async def rescreen(case_id: str, request: Request) -> dict:
    return await request.app.state.watchlist.rescreen(case_id)


@app.get("/postcodes/{postcode}")
async def postcode(postcode: str, request: Request) -> dict:
    return await request.app.state.address.lookup(postcode)


@app.get("/validate")
async def validate(line: str, request: Request) -> dict:
    return await request.app.state.address.validate(line)
