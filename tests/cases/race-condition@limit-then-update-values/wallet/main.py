from fastapi import Depends, FastAPI
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker, create_async_engine

from wallet import cashout

engine = create_async_engine("postgresql+asyncpg://localhost/wallet")
Sessions = async_sessionmaker(engine)
app = FastAPI()
bank = object()


async def db():
    async with Sessions() as s:
        yield s


@app.post("/accounts/{account_id}/cash-out")
async def cash_out(account_id: int, amount: int, s: AsyncSession = Depends(db)) -> None:
    await cashout.cash_out(s, bank, account_id, amount)
    await cashout.cash_out_split(s, bank, account_id, amount)
    await cashout.cash_out_atomic(s, bank, account_id, amount)
