from fastapi import FastAPI
from sqlalchemy.ext.asyncio import async_sessionmaker, create_async_engine

from ledger import refunds
from ledger.billing import Charger, Dispatcher

engine = create_async_engine("postgresql+asyncpg://localhost/ledger")
dispatcher = Dispatcher(async_sessionmaker(engine), Charger)
app = FastAPI()


@app.post("/accounts/{account_id}/usage")
async def usage(account_id: int, amount: int) -> None:
    await dispatcher.on_usage(account_id, amount)


@app.post("/accounts/{account_id}/prepaid-usage")
async def prepaid_usage(account_id: int, amount: int) -> None:
    await dispatcher.on_prepaid_usage(account_id, amount)


@app.patch("/accounts/{account_id}")
async def rename(account_id: int, owner: str) -> None:
    await dispatcher.on_rename(account_id, owner)


@app.post("/accounts/{account_id}/refunds")
async def refund(account_id: int, amount: int) -> int:
    async with async_sessionmaker(engine)() as session:
        return await refunds.refund(session, account_id, amount)


@app.put("/accounts/{account_id}/label")
async def relabel(account_id: int, owner: str) -> None:
    async with async_sessionmaker(engine)() as session:
        await refunds.relabel(session, account_id, owner)


@app.patch("/accounts/{account_id}/profile")
async def update_profile(account_id: int, fields: dict[str, str]) -> None:
    async with async_sessionmaker(engine)() as session:
        await refunds.update_profile(session, account_id, fields)
