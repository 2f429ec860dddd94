from contextlib import asynccontextmanager

import aiohttp
import httpx
from fastapi import FastAPI, Request

from ledger.ticketing import TicketPartner
from ledger.transfers import HoldApi, TransferApi


@asynccontextmanager
async def lifespan(app: FastAPI):
    http = httpx.AsyncClient(base_url="https://bank.example.com", timeout=8.0)
    session = aiohttp.ClientSession(base_url="https://tickets.example.com",
                                    timeout=aiohttp.ClientTimeout(total=8))
    app.state.transfers = TransferApi(http)
    app.state.holds = HoldApi(http)
    app.state.tickets = TicketPartner(session)
    yield
    await session.close()
    await http.aclose()


app = FastAPI(lifespan=lifespan)


@app.post("/transfers")
async def create_transfer(source: str, target: str, cents: int, ref: str, request: Request) -> dict:
    return {"id": await request.app.state.transfers.transfer(source, target, cents, ref)}


@app.post("/transfers/{transfer_id}/notes")
async def add_note(transfer_id: str, text: str, request: Request) -> None:
    await request.app.state.transfers.note(transfer_id, text)


@app.post("/holds")
async def create_hold(account: str, cents: int, ref: str, request: Request) -> dict:
    return {"id": await request.app.state.holds.hold(account, cents, ref)}


@app.post("/bookings/{booking_id}/ticket")
async def ticket(booking_id: int, seat: str, request: Request) -> dict:
    return {"ticket": await request.app.state.tickets.issue(booking_id, seat)}


@app.post("/bookings/{booking_id}/ticket/reissue")
async def reissue(booking_id: int, seat: str, request: Request) -> dict:
    return {"ticket": await request.app.state.tickets.reissue(booking_id, seat)}


@app.post("/tickets/{ticket_id}/comments")
async def comment(ticket_id: str, text: str, request: Request) -> None:
    await request.app.state.tickets.comment(ticket_id, text)
