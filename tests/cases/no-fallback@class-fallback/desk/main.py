from contextlib import asynccontextmanager

import httpx
from fastapi import FastAPI, Request

from desk.search import SearchClient
from desk.tickets import TicketService


@asynccontextmanager
async def lifespan(app: FastAPI):
    http = httpx.AsyncClient(base_url="https://search.internal", timeout=3.0)
    app.state.tickets = TicketService(SearchClient(http))
    yield
    await http.aclose()


app = FastAPI(lifespan=lifespan)


@app.get("/orgs/{org_id}/tickets/search")
async def search(org_id: int, q: str, request: Request) -> list[int]:
    return await request.app.state.tickets.find(org_id, q)


@app.delete("/tickets/{ticket_id}")
async def delete_ticket(ticket_id: int, request: Request) -> None:
    await request.app.state.tickets.remove(ticket_id)


@app.get("/orgs/{org_id}/tickets/{ticket_id}")
async def ticket(org_id: int, ticket_id: int, request: Request) -> dict:
    return await request.app.state.tickets.detail(org_id, ticket_id)
