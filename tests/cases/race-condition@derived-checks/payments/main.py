"""Payments API: wallets, campaign budgets, edit claims and webhook endpoints."""
from contextlib import asynccontextmanager
from decimal import Decimal

import asyncpg
import redis.asyncio as redis
from fastapi import FastAPI, Request
from sqlalchemy.ext.asyncio import async_sessionmaker, create_async_engine

from payments.budgets import BudgetService
from payments.editing import EditLocks
from payments.endpoints import EndpointRepository
from payments.wallets import WalletRepository, WalletService

engine = create_async_engine("postgresql+asyncpg://db/app")
sessions = async_sessionmaker(engine, expire_on_commit=False)


@asynccontextmanager
async def lifespan(app: FastAPI):
    pool = await asyncpg.create_pool("postgresql://db/app")
    client = redis.Redis(host="redis")
    app.state.wallets = WalletService(WalletRepository(pool))
    app.state.budgets = BudgetService(client)
    app.state.edits = EditLocks(client)
    yield
    await client.aclose()
    await pool.close()


app = FastAPI(lifespan=lifespan)


@app.post("/wallets/{currency}/withdraw")
async def withdraw(currency: str, user_id: int, amount_minor: int, request: Request) -> dict[str, int]:
    wallets: WalletService = request.app.state.wallets
    left = await wallets.withdraw(user_id, currency, amount_minor)
    left = await wallets.withdraw_atomic(user_id, currency, amount_minor)
    return {"balance": left}


@app.post("/campaigns/{campaign_id}/spend")
async def spend(campaign_id: int, amount: Decimal, request: Request) -> dict[str, bool]:
    budgets: BudgetService = request.app.state.budgets
    allowed = await budgets.spend_if_allowed(campaign_id, amount) and await budgets.reserve(campaign_id, amount)
    return {"allowed": allowed and await budgets.remaining(campaign_id) > 0}


@app.post("/tickets/{ticket_id}/edit")
async def edit(ticket_id: int, agent_id: int, request: Request) -> dict[str, object]:
    edits: EditLocks = request.app.state.edits
    mine = await edits.claim(ticket_id, agent_id) and await edits.claim_atomic(ticket_id, agent_id)
    return {"editing": mine, "summary": await edits.summary(ticket_id, "thread")}


@app.post("/merchants/{merchant_id}/endpoints")
async def register(merchant_id: int, url: str) -> dict[str, int]:
    async with sessions() as session:
        repo = EndpointRepository(session)
        first = await repo.register(merchant_id, url)
        second = await repo.register_guarded(merchant_id, url)
    return {"id": first.id or second.id}
