import asyncpg
from fastapi import FastAPI

from wallets.repo import SeatRepository, WalletRepository
from wallets.service import TicketService

app = FastAPI()


async def pool() -> asyncpg.Pool:
    return await asyncpg.create_pool("postgresql://db/app")


@app.post("/gifts")
async def gift(sender_id: int, receiver_id: int, amount: int) -> None:
    repo = WalletRepository(await pool())
    await repo.gift(sender_id, receiver_id, amount)
    await repo.gift_locked(sender_id, receiver_id, amount)
    await repo.spend(sender_id, amount)
    await repo.rename(sender_id, "x")


@app.post("/events/{event_id}/tickets")
async def buy(event_id: int) -> None:
    await TicketService(SeatRepository(await pool())).buy(event_id)
